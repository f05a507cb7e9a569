package io.perfwatch.service.api;

import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.yaml.RuleSet;
import io.perfwatch.service.report.AlertView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spark.Request;
import spark.Response;

/** {@code /alerts}, {@code /alerts/{id}} and {@code POST /analyze}. */
final class Alerts {
  private final ApiContext ctx;

  Alerts(ApiContext ctx) {
    this.ctx = ctx;
  }

  /** The window's alerts from {@code severity} up; over a fleet, those of {@code job}/{@code instance} only. */
  Object alerts(QueryParams params, Request req, Response res) {
    int hours = params.integer("hours", 24, 1, ctx.historyHours());
    String severity = params.oneOf("severity", "low", List.of("low", "medium", "high", "critical"));
    FleetFilter filter = FleetFilter.of(params, ctx.source());
    Severity floor = Severity.parse(severity).orElseThrow();
    Instant since = Instant.ofEpochMilli(ctx.source().nowMillis() - hours * 3_600_000L);
    List<Alert> alerts = ctx.alerts().alerts(since).stream()
        .filter(a -> a.severity().compareTo(floor) >= 0 && filter.matches(a)).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("hours", hours);
    body.put("severity", severity);
    body.put("total", alerts.size());
    body.put("alerts", alerts.stream().map(AlertView::of).toList());
    return FleetView.covering(ctx.source(), filter, body);
  }

  /** One alert by id: where Alertmanager's generatorURL points. */
  Object alert(QueryParams params, Request req, Response res) {
    Alert alert = ctx.alerts().alert(req.params(":id")).orElseThrow(() -> ApiException.notFound("no such alert: it "
        + "never existed, or it resolved longer ago than the alert history keeps (PERFORMANCE_ALERT_HISTORY_HOURS)"));
    return FleetView.coveringAlert(ctx.source(), alert, AlertView.of(alert));
  }

  /** Every rule, now; over a fleet the answer covers every watched job and instance. */
  Object analyze(QueryParams params, Request req, Response res) {
    if (req.raw().getContentLengthLong() > 0 || req.raw().getHeader("Transfer-Encoding") != null) {
      throw new ApiException(415, "unsupported_media_type", "POST " + PerformanceRoutes.BASE + "/analyze takes no "
          + "request body; send the request without one");
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
    body.put("alerts", alerts.stream().map(AlertView::of).toList());
    body.put("errors", errors);
    return FleetView.covering(ctx.source(), FleetFilter.of(params, ctx.source()), body);
  }
}
