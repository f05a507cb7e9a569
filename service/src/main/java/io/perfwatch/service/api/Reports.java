package io.perfwatch.service.api;

import io.perfwatch.exporter.StatsReader;
import io.perfwatch.exporter.http.RouteTemplates;
import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertState;
import io.perfwatch.rules.source.Coverage;
import io.perfwatch.service.report.DetailedReport;
import io.perfwatch.service.report.EndpointAnalysis;
import io.perfwatch.service.report.Rate;
import io.perfwatch.service.report.RecentActivity;
import io.perfwatch.service.report.SummaryReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import spark.Request;
import spark.Response;

/** {@code /report} and {@code /analyze/endpoint/{path}}. */
final class Reports {
  private static final long HOUR = 3_600_000L;
  /** The standard methods the store records (a non-standard one is recorded as UNKNOWN). */
  static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch", "head", "options", "trace",
      "connect");

  private final ApiContext ctx;
  private final Coverage coverage;

  Reports(ApiContext ctx, Coverage coverage) {
    this.ctx = ctx;
    this.coverage = coverage;
  }

  Object report(QueryParams params, Request req, Response res) {
    int hours = params.integer("hours", 24, 1, ctx.historyHours());
    String format = params.oneOf("format", "summary", List.of("summary", "detailed"));
    long now = ctx.source().nowMillis();
    WindowStats window = ctx.source().window(now - hours * HOUR, now);
    List<Alert> firing = ctx.alerts().active().stream().filter(a -> a.state() == AlertState.FIRING).toList();
    var thresholds = ctx.perfwatch().config().thresholds();
    if ("summary".equals(format)) {
      return SummaryReport.of(window, firing, thresholds);
    }
    int trendMinutes = thresholds.trendingWindowMinutes();
    long trendMillis = trendMinutes * 60_000L;
    DetailedReport.TrendAnalysis trend = DetailedReport.trend(trendMinutes,
        ctx.source().window(now - trendMillis, now).total(),
        ctx.source().window(now - 2 * trendMillis, now - trendMillis - 1).total());
    List<Alert> inWindow = ctx.alerts().alerts(Instant.ofEpochMilli(now - hours * HOUR));
    return DetailedReport.of(hours, window,
        Rate.perMinute(window.total().count(), hours * HOUR, coverage.collectingMillis(now)),
        recent(now - hours * HOUR, now), trend, inWindow, firing, thresholds,
        q -> ctx.engine().slowQueryAdvice(q, hours * HOUR));
  }

  /** The slowest raw samples of the window: only the in-process store has them (not a scrape or Prometheus). */
  DetailedReport.Recent recent(long fromMillis, long toMillis) {
    if (ctx.source().fleet()) { // not `instanceof StoreSource`: the service wraps every source in a WatchedSource
      return new DetailedReport.Recent(List.of(), List.of());
    }
    StatsReader stats = ctx.perfwatch().stats();
    return new DetailedReport.Recent(RecentActivity.requests(stats.recentRequests(), fromMillis, toMillis),
        RecentActivity.statements(stats.recentQueries(), fromMillis, toMillis));
  }

  Object endpoint(QueryParams params, Request req, Response res) {
    String method = params.oneOf("method", "get", METHODS).toUpperCase(Locale.ROOT);
    int hours = params.integer("hours", 24, 1, ctx.historyHours());
    String[] splat = req.splat();
    String path = "/" + (splat.length == 0 ? "" : splat[0].replaceFirst("^/+", ""));
    long now = ctx.source().nowMillis();
    WindowStats window = ctx.source().window(now - hours * HOUR, now);
    EndpointStats stats = resolve(window, method, path).orElseThrow(() -> ApiException.notFound(
        "no requests recorded for " + method + " " + ClientText.quote(path) + " in the last " + hours + " hours"));
    return EndpointAnalysis.of(stats, hours, series(stats, now - hours * HOUR, now));
  }

  /**
   * One point per hour from the first hour with a request of the endpoint up to now: the hours before it are left
   * out rather than shown as zeros the service may never have seen (it may not have been running). The first hour
   * is clipped to the window's start.
   */
  private Map<Instant, EndpointAnalysis.Point> series(EndpointStats endpoint, long fromMillis, long now) {
    Map<Instant, EndpointAnalysis.Point> series = new LinkedHashMap<>();
    for (long hour = fromMillis / HOUR * HOUR; hour <= now; hour += HOUR) {
      Optional<EndpointStats> stats = ctx.source().window(Math.max(hour, fromMillis), Math.min(hour + HOUR - 1, now))
          .endpoint(endpoint.method(), endpoint.route()).filter(e -> e.count() > 0);
      if (stats.isPresent() || !series.isEmpty()) {
        series.put(Instant.ofEpochMilli(hour), stats.map(EndpointAnalysis::point)
            .orElse(new EndpointAnalysis.Point(0, Double.NaN, Double.NaN, 0)));
      }
    }
    return series;
  }

  /** The route template itself, or the template a concrete path belongs to. */
  static Optional<EndpointStats> resolve(WindowStats window, String method, String path) {
    Optional<EndpointStats> exact = window.endpoint(method, path);
    if (exact.isPresent()) {
      return exact;
    }
    List<String> templates = window.endpoints().stream().filter(e -> e.method().equals(method))
        .map(EndpointStats::route).filter(r -> r.startsWith("/")).toList();
    return RouteTemplates.of(templates).match(path).flatMap(t -> window.endpoint(method, t));
  }
}
