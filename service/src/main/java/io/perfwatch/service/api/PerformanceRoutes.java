package io.perfwatch.service.api;

import io.perfwatch.exporter.HostReading;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertState;
import io.perfwatch.rules.source.Coverage;
import io.perfwatch.rules.source.EmptyStats;
import io.perfwatch.rules.source.SourceUnavailableException;
import io.perfwatch.rules.source.TargetHealth;
import io.perfwatch.service.report.DatabaseReport;
import io.perfwatch.service.report.EndpointSummary;
import io.perfwatch.service.report.HealthScore;
import io.perfwatch.service.report.Round;
import io.perfwatch.service.report.SummaryReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
    Alerts alerts = new Alerts(ctx);
    List<String> fleet = ctx.source().fleet() ? FleetFilter.PARAMETERS : NONE;
    ApiErrors.register(http, ctx.corsOrigins());
    http.get(ServiceIndex.PATH, routes.open(NONE, (params, req, res) -> ServiceIndex.body()), routes.json);
    http.get(BASE + "/health", routes.open(NONE, routes::health), routes.json);
    http.get(BASE + "/metrics", routes.open(plus(List.of("minutes", "include_system"), fleet), routes::metrics),
        routes.json);
    http.get(BASE + "/openapi.yaml", routes.open(NONE, OpenApiDocument.load()));
    http.get(BASE + "/targets", routes.admin(fleet, routes::targets), routes.json);
    http.get(BASE + "/endpoints", routes.admin(plus(List.of("top_n", "minutes"), fleet), routes::endpoints),
        routes.json);
    http.get(BASE + "/database", routes.admin(plus(List.of("minutes", "include_slow_queries"), fleet),
        (params, req, res) -> routes.database(params, reports)), routes.json);
    http.get(BASE + "/alerts", routes.admin(plus(List.of("hours", "severity"), fleet), alerts::alerts), routes.json);
    http.get(BASE + "/alerts/:id", routes.admin(NONE, alerts::alert), routes.json);
    http.get(BASE + "/report", routes.admin(plus(List.of("hours", "format"), fleet), reports::report), routes.json);
    http.post(BASE + "/analyze", routes.admin(NONE, alerts::analyze), routes.json);
    http.get(BASE + "/analyze/endpoint/*", routes.admin(plus(List.of("method", "hours"), fleet), reports::endpoint),
        routes.json);
  }

  /** An endpoint's own parameters, then {@code job} and {@code instance} over a fleet. */
  private static List<String> plus(List<String> own, List<String> fleet) {
    return Stream.concat(own.stream(), fleet.stream()).toList();
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
    List<TargetHealth> targets = FleetFilter.of(params, ctx.source()).targets();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("timestamp", Instant.ofEpochMilli(ctx.source().nowMillis()));
    body.put("source", FleetView.source(ctx.source()));
    body.put("jobs", targets.stream().map(TargetHealth::job).distinct().sorted().toList());
    body.put("instances", targets.stream().map(TargetHealth::instance).distinct().sorted().toList());
    body.put("targets", targets.stream().map(FleetView::target).toList());
    return body;
  }

  /** Public: over a fleet its {@code fleet} block counts the jobs and instances covered, without naming them. */
  private Object metrics(QueryParams params, Request req, Response res) {
    int minutes = params.integer("minutes", 5, 1, ctx.historyHours() * 60);
    boolean includeSystem = params.bool("include_system", true);
    FleetFilter filter = FleetFilter.of(params, ctx.source());
    Map<String, Object> body = new MetricsReport(ctx, coverage).of(window(filter, minutes), minutes, includeSystem);
    return FleetView.coveringCounts(ctx.source(), filter, body);
  }

  private Object endpoints(QueryParams params, Request req, Response res) {
    int topN = params.integer("top_n", 10, 1, 1000);
    int minutes = params.integer("minutes", 60, 1, ctx.historyHours() * 60);
    FleetFilter filter = FleetFilter.of(params, ctx.source());
    WindowStats window = window(filter, minutes);
    List<EndpointSummary> top = window.endpoints().stream().map(EndpointSummary::of)
        .sorted((a, b) -> Double.compare(b.totalTimeMs(), a.totalTimeMs())).limit(topN).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("window_minutes", minutes);
    body.put("total_endpoints", window.endpoints().size());
    body.put("endpoints", top);
    return FleetView.covering(ctx.source(), filter, body);
  }

  private Object database(QueryParams params, Reports reports) {
    int minutes = params.integer("minutes", 10, 1, ctx.historyHours() * 60);
    boolean slow = params.bool("include_slow_queries", true);
    FleetFilter filter = FleetFilter.of(params, ctx.source());
    long now = ctx.source().nowMillis();
    return FleetView.covering(ctx.source(), filter, DatabaseReport.of(window(filter, minutes), minutes,
        ctx.perfwatch().config().thresholds().maxQueryTimeMs(), slow,
        reports.recent(now - minutes * 60_000L, now).statements()));
  }

  private List<Alert> firing() {
    return ctx.alerts().active().stream().filter(a -> a.state() == AlertState.FIRING).toList();
  }

  private WindowStats window(int minutes) {
    long now = ctx.source().nowMillis();
    return ctx.source().window(now - minutes * 60_000L, now);
  }

  private WindowStats window(FleetFilter filter, int minutes) {
    long now = ctx.source().nowMillis();
    return filter.window(ctx.source(), now - minutes * 60_000L, now);
  }
}
