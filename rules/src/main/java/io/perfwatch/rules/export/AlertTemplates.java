package io.perfwatch.rules.export;

import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.Resource;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.Scope;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Annotation texts with perfwatch placeholders ({@code {{endpoint}}}, {@code {{value}}} ...) rewritten as Prometheus
 * alert templates over the alert's labels and value. Latency values are seconds in PromQL, so {@code {{value}} ms}
 * becomes {@code humanizeDuration} (e.g. "1.5s"); {@code {{threshold}}} is the rule's threshold in its own unit.
 * {@code {{advice}}} says where the advice is and why Prometheus cannot give it. A placeholder without an equivalent
 * stays as literal text.
 */
final class AlertTemplates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*\\}\\}( ms)?");

  private AlertTemplates() {}

  static String rewrite(String text, RuleDefinition rule) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String unit = Objects.requireNonNullElse(m.group(2), "");
      String replacement = switch (m.group(1)) {
        case "endpoint" -> rule.scope() == Scope.ENDPOINT ? "{{ $labels.method }} {{ $labels.uri }}"
            : "all endpoints";
        case "value" -> value(rule, unit);
        case "count" -> "{{ $value | humanize }}" + unit;
        case "threshold" -> Numbers.format(rule.threshold()) + unit;
        case "table", "operation", "mount", "job", "instance" -> "{{ $labels." + m.group(1) + " }}" + unit;
        case "fingerprint" -> rule.detector() == Detector.SLOW_QUERY
            ? "{{ $labels.operation }} on {{ $labels.table }}" : "a repeated SELECT on {{ $labels.table }}";
        case "resource" -> Objects.requireNonNullElse(rule.resource(), Resource.CPU).yamlName() + unit;
        case "advice" -> advice(rule) + unit;
        default -> "{{ `" + m.group() + "` }}";
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * What stands for the detector's own advice, which needs more than Prometheus has: slow-query advice reads the
   * statement (never a label: too long, too many) and the table's indexes.
   */
  private static String advice(RuleDefinition rule) {
    return rule.detector() == Detector.SLOW_QUERY
        ? "Run EXPLAIN ANALYZE on the slow {{ $labels.operation }} statements on {{ $labels.table }} and index the "
            + "columns they filter on. perfwatch's own slow-query alert names the statement and the index to create, "
            + "checked against the table's indexes; Prometheus sees only the table and operation."
        : "perfwatch's own " + rule.name() + " alert carries advice from what it measured; Prometheus sees only the "
            + "labels and the value.";
  }

  private static String value(RuleDefinition rule, String unit) {
    return switch (rule.detector()) {
      case LATENCY, SLOW_QUERY -> "{{ $value | humanizeDuration }}";
      case N_PLUS_ONE -> "{{ $value | humanize }}" + unit;
      case RESOURCE -> rule.resource() == Resource.CONCURRENCY ? "{{ $value | humanize }}" + unit
          : "{{ printf \"%.1f\" $value }}" + unit;
      case ERROR_RATE, DEGRADATION -> "{{ printf \"%.1f\" $value }}" + unit;
      case TARGET_DOWN -> "down";
    };
  }
}
