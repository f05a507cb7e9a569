package io.perfwatch.service.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;

class InMemoryH2Test {
  private final String url = "jdbc:h2:mem:in-memory-h2-test-" + UUID.randomUUID();
  private final AtomicInteger preparations = new AtomicInteger();

  private void prepare(Connection c) throws SQLException {
    preparations.incrementAndGet();
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY, text VARCHAR(20))");
      s.execute("MERGE INTO notes VALUES (1, 'seeded')");
    }
  }

  private static String note(InMemoryH2 db) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT text FROM notes WHERE id = 1")) {
      r.next();
      return r.getString(1);
    }
  }

  private static void execute(InMemoryH2 db, String sql) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void keepsTheDatabaseWhenEveryAppConnectionIsClosed() throws SQLException {
    // Without DB_CLOSE_DELAY, H2 drops an in-memory database with its last connection.
    InMemoryH2 db = InMemoryH2.open(url, "", "", this::prepare);
    execute(db, "INSERT INTO notes VALUES (2, 'written')");

    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM notes")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(2);
    }
    assertThat(preparations).hasValue(1);
  }

  @Test
  void recreatesAndPreparesTheDatabaseAfterShutdown() throws SQLException {
    InMemoryH2 db = InMemoryH2.open(url, "", "", this::prepare);
    execute(db, "UPDATE notes SET text = 'changed' WHERE id = 1");

    execute(db, "SHUTDOWN");

    assertThat(note(db)).isEqualTo("seeded");
    assertThat(preparations).hasValue(2);
  }

  @Test
  void aFailedPreparationReachesTheCallerAndTheNextConnectionTriesAgain() throws SQLException {
    AtomicInteger calls = new AtomicInteger();
    InMemoryH2 db = InMemoryH2.open(url, "", "", c -> {
      if (calls.incrementAndGet() == 2) {
        throw new SQLException("seed data unreadable", "58030");
      }
      prepare(c);
    });
    execute(db, "SHUTDOWN");

    assertThatExceptionOfType(SQLException.class).isThrownBy(db::getConnection).withMessage("seed data unreadable");
    assertThat(note(db)).isEqualTo("seeded");
    assertThat(calls).hasValue(3);
  }

  @Test
  void closingWithDropRemovesTheDatabaseAndRefusesConnections() throws SQLException {
    InMemoryH2 db = InMemoryH2.open(url, "", "", this::prepare);

    db.close(true);

    assertThatExceptionOfType(SQLNonTransientConnectionException.class).isThrownBy(db::getConnection)
        .withMessage("the demo database " + url + " was closed with the service")
        .satisfies(e -> assertThat(e.getSQLState()).isEqualTo("08003"));
    assertThatExceptionOfType(SQLException.class).isThrownBy(() -> DriverManager.getConnection(url + ";IFEXISTS=TRUE"))
        .satisfies(e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1));
  }

  @Test
  void closingWithoutDropLeavesADelayedDatabaseToItsOwner() throws SQLException {
    InMemoryH2 db = InMemoryH2.open(url + ";DB_CLOSE_DELAY=-1", "", "", this::prepare);

    db.close(false);

    try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE"); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT text FROM notes WHERE id = 1")) {
      r.next();
      assertThat(r.getString(1)).isEqualTo("seeded");
      s.execute("SHUTDOWN");
    }
  }
}
