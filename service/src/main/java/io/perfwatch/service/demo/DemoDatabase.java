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
    DataSource raw = settings.map(DemoDatabase::external).orElseGet(DemoDatabase::embeddedH2);
    String description = settings.map(DatabaseSettings::url).orElse("embedded in-memory H2");
    DemoDatabase db = new DemoDatabase(raw, perfwatch.wrap(raw), settings.isEmpty(), description);
    db.prepare();
    return db;
  }

  DataSource dataSource() {
    return wrapped;
  }

  String description() {
    return description;
  }

  private static DataSource embeddedH2() {
    JdbcDataSource h2 = new JdbcDataSource();
    // A unique name per instance: several services in one JVM (tests) must not share rows.
    h2.setURL("jdbc:h2:mem:perfwatch-demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
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

  private void prepare() {
    try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
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
    } catch (SQLException e) {
      throw new DemoDatabaseException("could not prepare the demo database " + description, e);
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

  /** Drops the embedded database (it would outlive the service otherwise); external ones are left as they are. */
  @Override
  public void close() {
    if (!embedded) {
      return;
    }
    try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      LOG.warn("could not shut down the embedded demo database: {}", e.getMessage());
    }
  }
}
