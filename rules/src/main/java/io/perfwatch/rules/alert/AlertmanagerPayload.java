package io.perfwatch.rules.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Alertmanager v2 {@code POST /api/v2/alerts} body: labels (alertname, severity, rule labels, scope), annotations
 * (summary, recommendation), startsAt, endsAt for resolved alerts only (firing ones are re-sent every cycle and
 * expire by Alertmanager's resolve_timeout if we stop), generatorURL.
 */
final class AlertmanagerPayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertmanagerPayload() {}

  static String json(List<Alert> alerts, @Nullable String generatorUrl) {
    List<Map<String, Object>> body = new ArrayList<>();
    for (Alert alert : alerts) {
      Map<String, String> labels = new TreeMap<>(alert.scope());
      labels.putAll(alert.labels());
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("labels", labels);
      item.put("annotations", new TreeMap<>(Map.of("summary", alert.summary(), "recommendation",
          alert.recommendation())));
      item.put("startsAt", alert.startedAt().toString());
      if (alert.resolvedAt() != null) {
        item.put("endsAt", alert.resolvedAt().toString());
      }
      if (generatorUrl != null) {
        item.put("generatorURL", generatorUrl);
      }
      body.add(item);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
