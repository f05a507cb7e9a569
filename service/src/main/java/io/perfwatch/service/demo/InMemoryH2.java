package io.perfwatch.service.demo;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process H2 database ({@code jdbc:h2:mem:...}) that is kept alive and brought back when it goes away.
 *
 * <p>H2 drops an in-memory database when its last connection closes (unless {@code DB_CLOSE_DELAY=-1}) and at
 * {@code SHUTDOWN}. A plain DataSource then opens a new, empty database on the next request, and every statement
 * fails with 42104 "this database is empty" until the process restarts. Here a keeper connection holds the database
 * open; the app's connections use {@code IFEXISTS=TRUE}, so they never create an empty one (while it is gone they
 * fail with 90146); and the first connection asked for after it went away re-creates it and runs {@code prepare}
 * (schema and seed data) before any app connection can see it. Rows written since the start are lost: they were
 * only ever in memory.
 */
final class InMemoryH2 implements DataSource {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryH2.class);
  static final String PREFIX = "jdbc:h2:mem:";

  /** Creates the schema and the seed data on a fresh (or reopened) database. */
  @FunctionalInterface
  interface Preparation {
    void prepare(Connection connection) throws SQLException;
  }

  private final JdbcDataSource keeperSource = new JdbcDataSource();
  private final JdbcDataSource appSource = new JdbcDataSource();
  private final Preparation preparation;
  /** Read: app connections are opened; write: the database is re-created or closed. */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private @Nullable Connection keeper;
  private boolean closed;

  private InMemoryH2(String url, String user, String password, Preparation preparation) {
    keeperSource.setURL(url);
    keeperSource.setUser(user);
    keeperSource.setPassword(password);
    appSource.setURL(url.toUpperCase(Locale.ROOT).contains(";IFEXISTS=") ? url : url + ";IFEXISTS=TRUE");
    appSource.setUser(user);
    appSource.setPassword(password);
    this.preparation = preparation;
  }

  static boolean isInMemory(String url) {
    return url.startsWith(PREFIX);
  }

  /** Creates (or joins) the database and prepares it. */
  static InMemoryH2 open(String url, String user, String password, Preparation preparation) throws SQLException {
    InMemoryH2 db = new InMemoryH2(url, user, password, preparation);
    db.reopen();
    return db;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connect(null, null);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return connect(user, password);
  }

  private Connection connect(@Nullable String user, @Nullable String password) throws SQLException {
    while (true) {
      lock.readLock().lock();
      try {
        if (closed) {
          throw new SQLNonTransientConnectionException("the demo database " + keeperSource.getURL()
              + " was closed with the service", "08003");
        }
        if (keeper != null && !keeper.isClosed()) {
          return user == null ? appSource.getConnection() : appSource.getConnection(user, password);
        }
      } finally {
        lock.readLock().unlock();
      }
      reopen();
    }
  }

  /** Re-creates and prepares the database unless another thread did it first; failures go to the caller. */
  private void reopen() throws SQLException {
    lock.writeLock().lock();
    try {
      if (closed || (keeper != null && !keeper.isClosed())) {
        return;
      }
      boolean again = keeper != null;
      Connection fresh = keeperSource.getConnection();
      try {
        preparation.prepare(fresh);
      } catch (SQLException | RuntimeException e) {
        fresh.close();
        throw e;
      }
      keeper = fresh;
      if (again) {
        LOG.warn("demo database {} had gone away (shut down or dropped); re-created it with the seed data",
            keeperSource.getURL());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public @Nullable PrintWriter getLogWriter() {
    return appSource.getLogWriter();
  }

  @Override
  public void setLogWriter(@Nullable PrintWriter out) {
    appSource.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) {
    appSource.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() {
    return appSource.getLoginTimeout();
  }

  @Override
  public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return appSource.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return appSource.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return appSource.isWrapperFor(type);
  }

  /** No connections from now on; {@code drop} shuts the database down, otherwise only the keeper lets go. */
  void close(boolean drop) throws SQLException {
    lock.writeLock().lock();
    try {
      closed = true;
      if (keeper == null || keeper.isClosed()) {
        return;
      }
      if (drop) {
        try (Statement s = keeper.createStatement()) {
          s.execute("SHUTDOWN");
        }
      }
      keeper.close();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
