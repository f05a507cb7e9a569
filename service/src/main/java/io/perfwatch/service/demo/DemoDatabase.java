package io.perfwatch.service.demo;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.service.DatabaseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's database: schema and seed data through the raw DataSource (set-up is not traffic, so it stays out of
 * the metrics), and the app's queries through {@code perfwatch.wrap(...)}, as a user's app would do it.
 */
final class DemoDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoDatabase.class);
  private static final String SCHEMA = "/io/perfwatch/service/demo/schema.sql";

  private final DataSource raw;
  private final DataSource wrapped;
  /** The default in-memory H2, owned by the demo: dropped on close. */
  private final boolean embedded;
  private final String description;

  private DemoDatabase(DataSource raw, DataSource wrapped, boolean embedded, String description) {
    this.raw = raw;
    this.wrapped = wrapped;
    this.embedded = embedded;
    this.description = description;
  }

  /** Opens the configured database, or a fresh in-memory H2 one, creates the schema and seeds empty tables. */
  static DemoDatabase open(Optional<DatabaseSettings> settings, PerfWatch perfwatch) {
    // A unique name per instance: several services in one JVM (tests) must not share rows.
    DatabaseSettings target = settings.orElseGet(() -> new DatabaseSettings(InMemoryH2.PREFIX + "perfwatch-demo-"
        + UUID.randomUUID(), "", ""));
    String description = settings.map(DatabaseSettings::url).orElse("embedded in-memory H2");
    DataSource raw = openPrepared(target, description);
    return new DemoDatabase(raw, perfwatch.wrap(raw), settings.isEmpty(), description);
  }

  DataSource dataSource() {
    return wrapped;
  }

  /** Unmeasured: reading the schema is not traffic. */
  DataSource rawDataSource() {
    return raw;
  }

  String description() {
    return description;
  }

  /**
   * In-memory H2 (the default, or a configured {@code jdbc:h2:mem:} URL) is kept alive, and re-created and re-seeded
   * after a SHUTDOWN, by {@link InMemoryH2}; PostgreSQL and other H2 URLs connect anew for every request anyway.
   */
  private static DataSource openPrepared(DatabaseSettings settings, String description) {
    try {
      if (InMemoryH2.isInMemory(settings.url())) {
        return InMemoryH2.open(settings.url(), settings.user(), settings.password(), c -> prepare(c, description));
      }
      DataSource raw = external(settings);
      try (Connection c = raw.getConnection()) {
        prepare(c, description);
      }
      return raw;
    } catch (SQLException e) {
      throw new DemoDatabaseException("could not prepare the demo database " + description, e);
    }
  }

  private static DataSource external(DatabaseSettings settings) {
    if (settings.isPostgres()) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(settings.url());
      pg.setUser(settings.user());
      pg.setPassword(settings.password());
      return pg;
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(settings.url());
    h2.setUser(settings.user());
    h2.setPassword(settings.password());
    return h2;
  }

  /** Creates the schema where missing and seeds empty tables; set-up is not traffic, so {@code c} is unwrapped. */
  private static void prepare(Connection c, String description) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String statement : schemaStatements()) {
        s.execute(statement);
      }
      try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM users")) {
        r.next();
        if (r.getLong(1) == 0) {
          DemoData.seed(c);
          LOG.info("demo database {}: seeded {} users, {} categories, {} transactions", description,
              DemoData.USERS, DemoData.CATEGORIES.size(), DemoData.TRANSACTIONS);
        } else {
          LOG.info("demo database {}: tables already hold data; not seeding", description);
        }
      }
    }
  }

  private static String[] schemaStatements() {
    try (InputStream in = DemoDatabase.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA + " is missing from the classpath");
      }
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
      return sql.strip().split(";\\s*(\\n|$)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Drops the embedded database (it would outlive the service otherwise); a configured in-memory one is only let
   * go (it lives on if its URL says {@code DB_CLOSE_DELAY=-1}); external ones are left as they are.
   */
  @Override
  public void close() {
    if (!(raw instanceof InMemoryH2 h2)) {
      return;
    }
    try {
      h2.close(embedded);
    } catch (SQLException e) {
      LOG.warn("could not shut down the demo database {}: {}", description, e.getMessage());
    }
  }
}
