package io.perfwatch.service.reliability;

import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * {@code java ... SqlLiteralProbe}: the service as {@code Main} serves it (settings from the environment), plus an
 * app route written the careless way, {@code GET /probe/accounts?email=&card=&token=}, that puts the client's values
 * into SQL text as literals (in WHERE clauses, IN lists, LIKE patterns, comments, digit groups, an unterminated
 * string, a failing statement) over an H2 database wrapped by perfwatch, and runs the email lookup
 * {@value #REPEATS} times (an N+1). Prints {@value #READY} once the route is up.
 */
final class SqlLiteralProbe {
  static final String ROUTE = "/probe/accounts";
  static final String READY = "probe ready";
  static final int REPEATS = 3;

  private SqlLiteralProbe() {}

  public static void main(String[] args) throws SQLException {
    PerfWatchService service = new PerfWatchService(ServiceConfig.fromEnvironment(System.getenv())).start();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:probe;DB_CLOSE_DELAY=-1");
    DataSource db = service.perfWatch().wrap(h2);
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(200), "
          + "card_number BIGINT, api_token VARCHAR(200))");
    }
    service.service().get(ROUTE, (req, res) -> {
      res.type("application/json");
      return "{\"failed\":" + lookup(db, req.queryParams("email"), req.queryParams("card"), req.queryParams("token"))
          + "}";
    });
    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "probe-shutdown"));
    System.out.println(READY);
    try {
      service.awaitStopped();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The digits in groups of four joined by '_', which H2 2 and PostgreSQL 16 read as one number. */
  static String grouped(String digits) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 4) {
      out.append(i == 0 ? "" : "_").append(digits, i, Math.min(i + 4, digits.length()));
    }
    return out.toString();
  }

  /** Runs every statement; returns how many failed (as the probe intends two to). */
  private static int lookup(DataSource db, String email, String card, String token) throws SQLException {
    List<String> statements = new ArrayList<>();
    statements.add("INSERT INTO accounts (email, card_number, api_token) VALUES ('" + email + "', " + card + ", '"
        + token + "')");
    for (int i = 0; i < REPEATS; i++) {
      statements.add("SELECT id FROM accounts WHERE email = '" + email + "'");
    }
    statements.add("SELECT id FROM accounts WHERE card_number = " + card);
    statements.add("SELECT id FROM accounts WHERE card_number = " + grouped(card)); // H2 2, PostgreSQL 16
    statements.add("SELECT id FROM accounts WHERE api_token = '" + token + "' AND email LIKE '"
        + email.substring(0, 5) + "%'");
    statements.add("SELECT id FROM accounts WHERE email IN ('" + email + "', '" + token + "') /* for " + email
        + " */");
    statements.add("UPDATE accounts SET api_token = '" + token + "' WHERE card_number = " + card + " -- " + token
        + "\n");
    statements.add("SELECT missing_column FROM accounts WHERE api_token = '" + token + "'"); // fails: no column
    statements.add("SELECT id FROM accounts WHERE email = '" + email); // fails: the literal never ends
    int failed = 0;
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        try {
          s.execute(sql);
        } catch (SQLException e) {
          failed++; // the app's own error handling; what perfwatch records of it is under test
        }
      }
      try (PreparedStatement p = c.prepareStatement("SELECT id FROM accounts WHERE email = ? AND api_token = ?")) {
        p.setString(1, email);
        p.setString(2, token);
        p.executeQuery().close();
      }
    }
    return failed;
  }
}
