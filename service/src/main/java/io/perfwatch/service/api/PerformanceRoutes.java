package io.perfwatch.service.api;

import io.perfwatch.exporter.HostReading;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertState;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.source.Coverage;
import io.perfwatch.rules.source.EmptyStats;
import io.perfwatch.rules.source.SourceUnavailableException;
import io.perfwatch.rules.source.TargetHealth;
import io.perfwatch.rules.yaml.RuleSet;
import io.perfwatch.service.report.DatabaseReport;
import io.perfwatch.service.report.EndpointSummary;
import io.perfwatch.service.report.HealthScore;
import io.perfwatch.service.report.Round;
import io.perfwatch.service.report.SummaryReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spark.Request;
import spark.Response;
import spark.Route;
import spark.Service;

/**
 * The spec's {@code /api/v1/performance} endpoints, each registered with the query parameters it takes: a request
 * naming any other is refused before the endpoint runs (see {@link QueryString}). Admin ones pass {@link AdminAuth}
 * first.
 */
public final class PerformanceRoutes {
  public static final String BASE = "/api/v1/performance";
  private static final List<String> NONE = List.of();

  private final ApiContext ctx;
  private final Coverage coverage;
  private final Json json = new Json();

  private PerformanceRoutes(ApiContext ctx, Coverage coverage) {
    this.ctx = ctx;
    this.coverage = coverage;
  }

  public static void register(Service http, ApiContext ctx) {
    Coverage coverage = ctx.engine().coverage();
    PerformanceRoutes routes = new PerformanceRoutes(ctx, coverage);
    Reports reports = new Reports(ctx, coverage);
    ApiErrors.register(http, ctx.corsOrigins());
    http.get(ServiceIndex.PATH, routes.open(NONE, (params, req, res) -> ServiceIndex.body()), routes.json);
    http.get(BASE + "/health", routes.open(NONE, routes::health), routes.json);
    http.get(BASE + "/metrics", routes.open(List.of("minutes", "include_system", "job", "instance"),
        routes::metrics), routes.json);
    http.get(BASE + "/openapi.yaml", routes.open(NONE, OpenApiDocument.load()));
    http.get(BASE + "/targets", routes.admin(List.of("job", "instance"), routes::targets), routes.json);
    http.get(BASE + "/endpoints", routes.admin(List.of("top_n", "minutes", "job", "instance"), routes::endpoints),
        routes.json);
    http.get(BASE + "/database", routes.admin(List.of("minutes", "include_slow_queries"),
        (params, req, res) -> routes.database(params, reports)), routes.json);
    http.get(BASE + "/alerts", routes.admin(List.of("hours", "severity"), routes::alerts), routes.json);
    http.get(BASE + "/alerts/:id", routes.admin(NONE, routes::alert), routes.json);
    http.get(BASE + "/report", routes.admin(List.of("hours", "format"), reports::report), routes.json);
    http.post(BASE + "/analyze", routes.admin(NONE, routes::analyze), routes.json);
    http.get(BASE + "/analyze/endpoint/*", routes.admin(List.of("method", "hours"), reports::endpoint), routes.json);
  }

  /** An endpoint's work, once its parameters have been checked against its list. */
  @FunctionalInterface
  interface Endpoint {
    Object handle(QueryParams params, Request req, Response res);
  }

  private Route open(List<String> parameters, Endpoint endpoint) {
    return (req, res) -> {
      res.type("application/json");
      return endpoint.handle(QueryParams.of(req.raw().getQueryString(), parameters), req, res);
    };
  }

  private Route admin(List<String> parameters, Endpoint endpoint) {
    Route checked = open(parameters, endpoint);
    return (req, res) -> {
      res.type("application/json");
      ctx.auth().handle(req, res);
      return checked.handle(req, res);
    };
  }

  /** 200 even while a fleet source is down: the monitor itself is healthy, and {@code source} says what is not. */
  private Object health(QueryParams params, Request req, Response res) {
    int minutes = ctx.perfwatch().config().thresholds().analysisWindowMinutes();
    WindowStats window;
    try {
      window = window(minutes);
    } catch (SourceUnavailableException e) {
      long now = ctx.source().nowMillis();
      window = EmptyStats.of(now - minutes * 60_000L, now); // no data is not bad data: alerts decide the status
    }
    List<Alert> firing = firing();
    HealthScore score = HealthScore.of(SummaryReport.inputs(window, firing), ctx.perfwatch().config().thresholds());
    HostReading host = ctx.perfwatch().stats().live().host();
    Map<String, Object> system = new LinkedHashMap<>();
    system.put("cpu_percent", Round.of(host.systemCpu() * 100));
    system.put("memory_percent", Round.of(host.memoryPercent()));
    system.put("active_requests", ctx.perfwatch().stats().live().activeRequests());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", score.health());
    body.put("timestamp", Instant.ofEpochMilli(ctx.source().nowMillis()));
    body.put("system_metrics", system);
    body.put("performance_score", score.score());
    if (ctx.source().fleet()) {
      body.put("source", FleetView.source(ctx.source()));
      body.put("fleet", FleetView.fleet(ctx.source()));
    }
    return body;
  }

  /** The watched targets, narrowed by {@code job} and {@code instance}; 503 while a fleet source is down. */
  private Object targets(QueryParams params, Request req, Response res) {
    String job = params.text("job");
    String instance = params.text("instance");
    List<TargetHealth> targets = ctx.source().targets().stream()
        .filter(t -> job.isEmpty() || t.job().equals(job))
        .filter(t -> instance.isEmpty() || t.instance().equals(instance)).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("timestamp", Instant.ofEpochMilli(ctx.source().nowMillis()));
    body.put("source", FleetView.source(ctx.source()));
    body.put("jobs", targets.stream().map(TargetHealth::job).distinct().sorted().toList());
    body.put("instances", targets.stream().map(TargetHealth::instance).distinct().sorted().toList());
    body.put("targets", targets.stream().map(FleetView::target).toList());
    return body;
  }

  private Object metrics(QueryParams params, Request req, Response res) {
    int minutes = params.integer("minutes", 5, 1, ctx.historyHours() * 60);
    boolean includeSystem = params.bool("include_system", true);
    Map<String, Object> body = new MetricsReport(ctx, coverage).of(FleetView.window(ctx.source(), minutes, params),
        minutes, includeSystem);
    return FleetView.covering(ctx.source(), params, body);
  }

  private Object endpoints(QueryParams params, Request req, Response res) {
    int topN = params.integer("top_n", 10, 1, 1000);
    int minutes = params.integer("minutes", 60, 1, ctx.historyHours() * 60);
    WindowStats window = FleetView.window(ctx.source(), minutes, params);
    List<EndpointSummary> top = window.endpoints().stream().map(EndpointSummary::of)
        .sorted((a, b) -> Double.compare(b.totalTimeMs(), a.totalTimeMs())).limit(topN).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("window_minutes", minutes);
    body.put("total_endpoints", window.endpoints().size());
    body.put("endpoints", top);
    return FleetView.covering(ctx.source(), params, body);
  }

  private Object database(QueryParams params, Reports reports) {
    int minutes = params.integer("minutes", 10, 1, ctx.historyHours() * 60);
    boolean slow = params.bool("include_slow_queries", true);
    long now = ctx.source().nowMillis();
    return DatabaseReport.of(window(minutes), minutes, ctx.perfwatch().config().thresholds().maxQueryTimeMs(), slow,
        reports.recent(now - minutes * 60_000L, now).statements());
  }

  private Object alerts(QueryParams params, Request req, Response res) {
    int hours = params.integer("hours", 24, 1, ctx.historyHours());
    String severity = params.oneOf("severity", "low", List.of("low", "medium", "high", "critical"));
    Severity floor = Severity.parse(severity).orElseThrow();
    Instant since = Instant.ofEpochMilli(ctx.source().nowMillis() - hours * 3_600_000L);
    List<Alert> alerts = ctx.alerts().alerts(since).stream().filter(a -> a.severity().compareTo(floor) >= 0).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("hours", hours);
    body.put("severity", severity);
    body.put("total", alerts.size());
    body.put("alerts", alerts.stream().map(io.perfwatch.service.report.AlertView::of).toList());
    return body;
  }

  /** One alert by id: where Alertmanager's generatorURL points. */
  private Object alert(QueryParams params, Request req, Response res) {
    return ctx.alerts().alert(req.params(":id")).map(io.perfwatch.service.report.AlertView::of)
        .orElseThrow(() -> ApiException.notFound("no such alert: it never existed, or it resolved longer ago than "
            + "the alert history keeps (PERFORMANCE_ALERT_HISTORY_HOURS)"));
  }

  private Object analyze(QueryParams params, Request req, Response res) {
    if (req.raw().getContentLengthLong() > 0 || req.raw().getHeader("Transfer-Encoding") != null) {
      throw new ApiException(415, "unsupported_media_type", "POST " + BASE + "/analyze takes no request body; "
          + "send the request without one");
    }
    RuleSet rules = ctx.rules().get();
    List<Alert> alerts = ctx.engine().evaluate(rules);
    Map<String, Object> errors = new LinkedHashMap<>();
    ctx.engine().lastErrors().forEach((rule, error) -> errors.put(rule, error.message()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("timestamp", Instant.ofEpochMilli(ctx.source().nowMillis()));
    body.put("rules_evaluated", rules.rules().size());
    body.put("rules_origin", rules.origin());
    body.put("rules_reload_error", ctx.rulesReloadError().get().orElse(null));
    body.put("alerts", alerts.stream().map(io.perfwatch.service.report.AlertView::of).toList());
    body.put("errors", errors);
    return body;
  }

  private List<Alert> firing() {
    return ctx.alerts().active().stream().filter(a -> a.state() == AlertState.FIRING).toList();
  }

  private WindowStats window(int minutes) {
    long now = ctx.source().nowMillis();
    return ctx.source().window(now - minutes * 60_000L, now);
  }
}
