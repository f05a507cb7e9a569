package io.perfwatch.rules.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.rules.alert.PushPlan.Push;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Alertmanager v2 {@code POST /api/v2/alerts} body: labels (see {@link PushPlan#labels}), annotations (summary,
 * recommendation and, for statements, the SQL {@code fingerprint}: long, high-cardinality text never goes in a
 * label), startsAt, endsAt and generatorURL (the alert in perfwatch's API).
 */
final class AlertmanagerPayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertmanagerPayload() {}

  static String json(List<Push> pushes, Function<Alert, URI> generatorUrl) {
    List<Map<String, Object>> body = new ArrayList<>();
    for (Push push : pushes) {
      Alert alert = push.alert();
      Map<String, String> annotations = new TreeMap<>(Map.of("summary", alert.summary(), "recommendation",
          alert.recommendation()));
      Object fingerprint = alert.details().get("fingerprint");
      if (fingerprint != null) {
        annotations.put("fingerprint", fingerprint.toString());
      }
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("labels", push.labels());
      item.put("annotations", annotations);
      item.put("startsAt", push.startsAt().toString());
      item.put("endsAt", push.endsAt().toString());
      item.put("generatorURL", generatorUrl.apply(alert).toString());
      body.add(item);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
