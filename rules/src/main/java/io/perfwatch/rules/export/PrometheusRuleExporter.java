package io.perfwatch.rules.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.perfwatch.rules.alert.ScopeLabels;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.RuleSet;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule file as Prometheus alerting rules: one Prometheus group per rule group (same interval), and per rule one
 * alerting rule per severity step, named after the rule, with label {@code severity}, the scope labels that are the
 * same for all its alerts ({@link ScopeLabels#constant}) and the step's threshold ({@code threshold x ratio}). Steps are cumulative, not exclusive: at 2.5 x the threshold the low, medium and high
 * steps all fire. An exclusive band ({@code >= a and < b}) would resolve one alert and start the next one's
 * {@code for} from zero whenever the value crosses a step; instead Alertmanager inhibits the lower severities of the
 * same alert (see {@code prometheus/alertmanager.yml}). Comparisons are {@code >=}, as the engine's ladder.
 */
public final class PrometheusRuleExporter {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build();

  /** Exports every expressible rule of {@code rules}; {@code header} becomes the file's leading comment. */
  public PrometheusExport export(RuleSet rules, String header) {
    Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    List<Skipped> skipped = new ArrayList<>();
    int count = 0;
    for (RuleDefinition rule : rules.rules()) {
      String reason = PromQl.whyNot(rule);
      if (reason != null) {
        skipped.add(new Skipped(rule.name(), reason));
        continue;
      }
      Map<String, Object> group = groups.computeIfAbsent(rule.group(), g -> newGroup(g, rule.interval()));
      @SuppressWarnings("unchecked")
      List<Object> alerting = (List<Object>) group.get("rules");
      PromQl promQl = PromQl.of(rule);
      for (Map.Entry<Severity, Double> step : rule.severity().ratios().entrySet()) {
        alerting.add(alertingRule(rule, promQl, step.getKey(), step.getValue()));
        count++;
      }
    }
    StringBuilder out = new StringBuilder();
    header.lines().forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    try {
      out.append(YAML.writeValueAsString(Map.of("groups", List.copyOf(groups.values()))));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return new PrometheusExport(out.toString(), count, skipped);
  }

  private static Map<String, Object> newGroup(String name, Duration interval) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", "perfwatch-" + name);
    group.put("interval", Numbers.duration(interval));
    group.put("rules", new ArrayList<>());
    return group;
  }

  private static Map<String, Object> alertingRule(RuleDefinition rule, PromQl promQl, Severity severity,
      double ratio) {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("alert", rule.name());
    alert.put("expr", promQl.condition(Numbers.times(rule.threshold(), ratio)));
    if (!rule.forDuration().isZero()) {
      alert.put("for", Numbers.duration(rule.forDuration()));
    }
    if (!rule.keepFiringFor().isZero()) {
      alert.put("keep_firing_for", Numbers.duration(rule.keepFiringFor()));
    }
    Map<String, String> labels = new LinkedHashMap<>(rule.labels());
    labels.put("severity", severity.name().toLowerCase(Locale.ROOT));
    new TreeMap<>(ScopeLabels.constant(rule)).forEach(labels::put);
    alert.put("labels", labels);
    Map<String, String> annotations = new LinkedHashMap<>();
    rule.annotations().forEach((k, v) -> annotations.put(k, AlertTemplates.rewrite(v, rule)));
    if (!annotations.isEmpty()) {
      alert.put("annotations", annotations);
    }
    return alert;
  }
}
