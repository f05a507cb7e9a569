package io.perfwatch.service.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.service.DatabaseSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Service;

/**
 * A little finance API to watch: instrumented only through the exporter's public API, as any user's app would be.
 * The caller has already run {@code SparkPerfWatch.instrument(perfwatch, http)}; the demo adds its routes and wraps
 * its database.
 */
public final class DemoApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoApp.class);
  private static final long STACK_TRACE_EVERY_MILLIS = 60_000;
  static final int MAX_SLEEP_MS = 10_000;
  /**
   * The largest request body the demo accepts (16 KiB), far above any valid transaction (its description has at
   * most 200 characters). A larger one is refused with 413 before it is read.
   */
  public static final int MAX_BODY_BYTES = 16 * 1024;
  private static final List<String> NONE = List.of();

  private final DemoDatabase database;
  private final AtomicLong lastStackTraceMillis = new AtomicLong(Long.MIN_VALUE / 2);
  private final ObjectMapper json = Json.mapper();
  private final TransactionStore transactions;
  private final Reports reports;

  private DemoApp(DemoDatabase database) {
    this.database = database;
    this.transactions = new TransactionStore(database.dataSource());
    this.reports = new Reports(database.dataSource());
  }

  /** Opens the database (wrapped by {@code perfwatch}) and seeds it when empty; no routes yet. */
  public static DemoApp open(PerfWatch perfwatch, Optional<DatabaseSettings> database) {
    return new DemoApp(DemoDatabase.open(database, perfwatch));
  }

  /** The paths to try first, for the start-up log. */
  public static List<String> examplePaths() {
    return List.of("/api/transactions?limit=5", "/api/transactions/1", "/api/users/1/summary",
        "/api/reports/monthly", "/demo/sleep?ms=1500", "/demo/status/500");
  }

  /** The database as a DataSource that perfwatch does not measure, for reading its schema (index advice). */
  public javax.sql.DataSource schemaDataSource() {
    return database.rawDataSource();
  }

  public String databaseDescription() {
    return database.description();
  }

  /** Adds the demo's routes to {@code http}; Spark starts listening at the first one. */
  public void mount(Service http) {
    TransactionInput input = new TransactionInput(json);
    http.get("/api/transactions", Json.route(json, List.of("user_id", "limit"), (query, req, res) -> Map.of(
        "transactions", transactions.list(Params.optionalId(query, "user_id"),
            Params.intInRange(query, "limit", 50, 1, 500)))));
    http.get("/api/transactions/:id", Json.route(json, NONE, (query, req, res) -> {
      long id = Params.pathId(req, "id");
      return transactions.find(id).orElseThrow(() -> DemoException.notFound("no transaction with id " + id));
    }));
    http.post("/api/transactions", Json.route(json, NONE, (query, req, res) -> {
      byte[] body = JsonBody.read(req, MAX_BODY_BYTES); // 415 or 413 before anything is parsed
      NewTransaction t = input.parse(body, transactions::userExists, transactions::categoryExists);
      res.status(201);
      return transactions.insert(t);
    }));
    http.get("/api/users/:id/summary", Json.route(json, NONE, (query, req, res) -> {
      long id = Params.pathId(req, "id");
      return reports.userSummary(id).orElseThrow(() -> DemoException.notFound("no user with id " + id));
    }));
    http.get("/api/reports/monthly", Json.route(json, NONE, (query, req, res) -> Map.of("months",
        reports.monthly())));
    http.get("/demo/sleep", Json.route(json, List.of("ms"), (query, req, res) -> Map.of("slept_ms", sleep(
        Params.requiredIntInRange(query, "ms", 0, MAX_SLEEP_MS)))));
    http.get("/demo/status/:code", Json.route(json, NONE, (query, req, res) -> {
      int code = Params.pathIntInRange(req, "code", 200, 599);
      res.status(code);
      return code < 400 ? Map.of("status", code)
          : ErrorResponse.of("injected_fault", "status " + code + " requested through /demo/status", Map.of());
    }));
    // Only the demo's own exception types: the Service is shared with the JSON API, which maps its own.
    http.exception(DemoException.class, (e, req, res) -> {
      res.status(e.status());
      res.type("application/json");
      res.body(Json.write(json, e.toResponse()));
    });
    http.exception(DemoDatabaseException.class, (e, req, res) -> {
      String id = UUID.randomUUID().toString();
      logFailure(req.requestMethod() + " " + req.pathInfo(), id, e);
      res.status(500);
      res.type("application/json");
      res.body(Json.write(json, ErrorResponse.of("internal_error", "the database call failed; the server log "
          + "has the details under error id " + id, Map.of())));
    });
  }

  /**
   * One line per failed request, with its error id and the causes' messages; the stack trace at most once a minute,
   * so that a database outage under traffic does not flood the log with thousands of identical traces.
   */
  private void logFailure(String request, String id, Exception e) {
    long now = System.currentTimeMillis();
    long last = lastStackTraceMillis.get();
    if (now - last >= STACK_TRACE_EVERY_MILLIS && lastStackTraceMillis.compareAndSet(last, now)) {
      LOG.error("{} failed (error id {})", request, id, e);
    } else {
      LOG.error("{} failed (error id {}): {} (stack trace logged at most once a minute)", request, id, causes(e));
    }
  }

  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 1_000; t = t.getCause() == t ? null : t.getCause()) {
      text.append(text.length() == 0 ? "" : "; caused by ").append(t);
    }
    return text.toString();
  }

  private static int sleep(int ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // shutting down: answer early rather than hold the stop
    }
    return ms;
  }

  @Override
  public void close() {
    database.close();
  }
}
