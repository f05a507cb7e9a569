package io.perfwatch.service.reliability;

import static io.perfwatch.service.reliability.OutageChecks.activeConnectionsGauge;
import static io.perfwatch.service.reliability.OutageChecks.assertEveryAnswerCounted;
import static io.perfwatch.service.reliability.OutageChecks.assertHealthAnswers;
import static io.perfwatch.service.reliability.OutageChecks.config;
import static io.perfwatch.service.reliability.OutageChecks.execute;
import static io.perfwatch.service.reliability.OutageChecks.failedStatements;
import static io.perfwatch.service.reliability.PhasedTraffic.TRANSITION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.service.PerfWatchService;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLState;

/**
 * The database goes away in the middle of concurrent HTTP traffic and comes back. Every answer the client got is
 * counted once with its status, the statements cut off are recorded with the driver's SQLState, the open-connection
 * gauge returns to exactly 0, perfwatch's own API keeps answering, and the demo serves again once the database is
 * back.
 */
@Tag("reliability")
class DatabaseOutageTest {
  static final int THREADS = 4;
  static final String PG_URL = env("PERFWATCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/perfwatch_test");
  static final String PG_USER = env("PERFWATCH_PG_USER", "perfwatch");
  static final String PG_PASSWORD = env("PERFWATCH_PG_PASSWORD", "perfwatch");
  /** Answers to wait for in each phase: 200s before and after the outage, 500s during it. */
  static final int SUCCESSES = 40;
  static final int FAILURES = 30;
  static final String BEFORE = "before";
  static final String OUTAGE = "outage";
  static final String AFTER = "after";
  /** The demo's answer to a failed database call: an error id, never the SQL, the SQLState or a stack trace. */
  static final Pattern SERVER_ERROR = Pattern.compile("\\{\"error\":\\{\"code\":\"internal_error\",\"message\":"
      + "\"the database call failed; the server log has the details under error id [0-9a-f-]{36}\"}}");

  /**
   * The demo on an in-process H2 (configured by URL so the test can reach it; the same DataSource as the default
   * embedded one). Exclusive mode first holds the statements of the requests in flight and refuses new connections
   * (90135), then SHUTDOWN throws the database away; the demo re-creates and re-seeds it on the next request.
   */
  @Test
  void inProcessH2ShutDownMidTraffic() throws Exception {
    String url = "jdbc:h2:mem:outage-" + UUID.randomUUID();
    try (PerfWatchService service = new PerfWatchService(config(url, "", "")).start();
        PhasedTraffic traffic = new PhasedTraffic(service.baseUri(), THREADS, BEFORE,
            n -> n % 2 == 0 ? "/api/transactions/" + (1 + n % 100) : "/api/users/" + (1 + n % 50) + "/summary",
            SERVER_ERROR)) {
      traffic.await(BEFORE, 200, SUCCESSES);
      long held;
      try (Connection admin = DriverManager.getConnection(url)) {
        traffic.phase(TRANSITION);
        held = holdInFlightStatements(admin, service);
        traffic.phase(OUTAGE);
        traffic.await(OUTAGE, 500, FAILURES);
        assertThatExceptionOfType(SQLException.class).isThrownBy(() -> DriverManager.getConnection(url).close())
            .satisfies(e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.DATABASE_IS_IN_EXCLUSIVE_MODE));
        JsonNode health = assertHealthAnswers(service);
        assertThat(health.get("system_metrics").get("active_requests").asLong()).isGreaterThanOrEqualTo(held);
        assertThat(activeConnectionsGauge(service)).isEqualTo(held);
        traffic.phase(TRANSITION);
        execute(admin, "SHUTDOWN");
      }
      recoverAndCheckAnswers(service, traffic);
      assertThat(failedStatements(service, held, String.valueOf(ErrorCode.DATABASE_IS_IN_EXCLUSIVE_MODE)))
          .extracting(DatabaseMetrics::route).isSubsetOf("/api/transactions/:id", "/api/users/:id/summary");
      assertThat(activeConnectionsGauge(service)).isZero();
      System.out.printf("H2 outage: %s answers by status, %d statements held and failed%n", traffic.byStatus(),
          held);
    }
  }

  /**
   * The demo on PostgreSQL through a relay the test owns. A table lock first makes every request's statement wait
   * in the server with its connection open; then the relay resets every connection (the statements fail with
   * 08006, connection failure) and every new one (getConnection fails), the lock is released, and after a while the
   * relay is restored.
   */
  @Test
  void postgresCutOffMidTraffic() throws Exception {
    String schema = "perfwatch_outage_" + Long.toHexString(System.nanoTime());
    String application = schema + "_demo";
    URI pg = URI.create(PG_URL.substring("jdbc:".length()));
    try (Connection admin = postgres(); TcpRelay relay = TcpRelay.to(pg.getHost(), pg.getPort())) {
      execute(admin, "CREATE SCHEMA " + schema);
      // reWriteBatchedInserts: the demo's seed (batched inserts) takes a fraction of the time
      String relayed = "jdbc:postgresql://127.0.0.1:" + relay.port() + pg.getRawPath() + "?"
          + (pg.getRawQuery() == null ? "" : pg.getRawQuery() + "&") + "currentSchema=" + schema
          + "&ApplicationName=" + application + "&reWriteBatchedInserts=true";
      try (PerfWatchService service = new PerfWatchService(config(relayed, PG_USER, PG_PASSWORD)).start();
          PhasedTraffic traffic = new PhasedTraffic(service.baseUri(), THREADS, BEFORE,
              n -> "/api/transactions/" + (1 + n % 100), SERVER_ERROR)) {
        traffic.await(BEFORE, 200, SUCCESSES);
        traffic.phase(TRANSITION);
        admin.setAutoCommit(false);
        execute(admin, "LOCK TABLE " + schema + ".transactions IN ACCESS EXCLUSIVE MODE");
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingForLock(application) == THREADS);
        assertThat(activeConnectionsGauge(service)).isEqualTo(THREADS);
        relay.cut();
        traffic.phase(OUTAGE);
        admin.rollback();
        admin.setAutoCommit(true);
        traffic.await(OUTAGE, 500, FAILURES);
        assertHealthAnswers(service);
        // What the demo's getConnection meets now: no statement, so nothing for perfwatch to record but the 500.
        assertThatExceptionOfType(SQLException.class)
            .isThrownBy(() -> DriverManager.getConnection(relayed, PG_USER, PG_PASSWORD).close())
            .satisfies(e -> assertThat(e.getSQLState()).isEqualTo(PSQLState.CONNECTION_UNABLE_TO_CONNECT.getState()));
        traffic.phase(TRANSITION);
        relay.restore();
        recoverAndCheckAnswers(service, traffic);
        assertThat(failedStatements(service, THREADS, PSQLState.CONNECTION_FAILURE.getState()))
            .allSatisfy(q -> assertThat(List.of(q.operation(), q.table(), q.route()))
                .containsExactly("SELECT", "transactions", "/api/transactions/:id"));
        assertThat(activeConnectionsGauge(service)).isZero();
        System.out.printf("PostgreSQL outage: %s answers by status, %d connections refused by the relay%n",
            traffic.byStatus(), relay.refused());
      } finally {
        if (!admin.getAutoCommit()) {
          admin.rollback();
          admin.setAutoCommit(true);
        }
        execute(admin, "DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  /**
   * The database is back: traffic runs until {@code SUCCESSES} 200s, then stops. Every outage answer was a 500, every
   * later one a 200, with no transport problem, and each is counted once in /metrics and the store.
   */
  private static void recoverAndCheckAnswers(PerfWatchService service, PhasedTraffic traffic) throws Exception {
    traffic.phase(AFTER);
    traffic.await(AFTER, 200, SUCCESSES);
    traffic.stop();

    assertThat(traffic.problems()).isEmpty();
    assertThat(traffic.statuses(OUTAGE)).containsOnlyKeys(500);
    assertThat(traffic.statuses(AFTER)).containsOnlyKeys(200);
    assertEveryAnswerCounted(service, traffic);
  }

  private static Connection postgres() {
    try {
      return DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL not reachable at " + PG_URL + " (" + e.getMessage() + "): start it with "
          + "'pg_ctlcluster 15 main start' and create the role and database, or run .ci/run", e);
    }
  }

  /** The demo's sessions whose statement waits for a lock. */
  private static long waitingForLock(String application) throws SQLException {
    try (Connection c = postgres(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity "
        + "WHERE application_name = ? AND wait_event_type = 'Lock'")) {
      s.setString(1, application);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * Exclusive mode: new connections are refused and statements of open ones wait. Retried until the requests in
   * flight are caught holding connections and every open connection waits in a statement; returns how many.
   */
  private static long holdInFlightStatements(Connection admin, PerfWatchService service) {
    long[] held = new long[1];
    boolean[] exclusive = new boolean[1];
    long[] since = new long[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
      if (!exclusive[0]) {
        execute(admin, "SET EXCLUSIVE 1");
        exclusive[0] = true;
        since[0] = System.nanoTime();
      }
      long open = service.perfWatch().stats().live().activeConnections();
      if (open > 0 && waitingSessions(admin) == open) {
        held[0] = open;
        return true;
      }
      if (open == 0 || System.nanoTime() - since[0] > 500_000_000L) { // caught none: let traffic run, try again
        execute(admin, "SET EXCLUSIVE 0");
        exclusive[0] = false;
      }
      return false;
    });
    return held[0];
  }

  /** Sessions other than the admin's that are inside a statement (waiting, in exclusive mode). */
  private static long waitingSessions(Connection admin) throws SQLException {
    try (Statement s = admin.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM "
        + "INFORMATION_SCHEMA.SESSIONS WHERE SESSION_STATE = 'RUNNING' AND SESSION_ID <> SESSION_ID()")) {
      r.next();
      return r.getLong(1);
    }
  }
}
