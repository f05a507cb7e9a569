package io.perfwatch.rules.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The reference of the rule file's keys, generated into {@code rules/README.md}: each key with the values the parser
 * accepts (its {@link Field}), its default, the detectors that take it ({@link DetectorSpec}) and its meaning.
 * {@code RuleFieldsTest} keeps the README current and checks the defaults against what the parser produces.
 */
final class RuleFields {
  static final int WIDTH = 120;

  /** One key: {@code required} instead of a default when it has none. */
  record Key(Field field, String defaultText, String meaning) {}

  static final List<Key> GROUP_KEYS = List.of(
      new Key(DocumentReader.GROUP_NAME, "required", "Unique among the file's groups."),
      new Key(DocumentReader.INTERVAL, "required", "How often the group's rules are evaluated."),
      new Key(DocumentReader.RULES, "required", "The group's rules."));

  static final List<Key> RULE_KEYS = List.of(
      new Key(RuleReader.NAME_FIELD, "required", "Unique in the file; the alert's alertname."),
      new Key(RuleReader.DETECTOR, "required", "What the rule looks for."),
      new Key(RuleReader.METRIC, "required", "The latency statistic compared (see the metrics by detector below)."),
      new Key(RuleReader.RESOURCE, "required", "What a resource rule measures."),
      new Key(RuleReader.SCOPE, "the detector's first scope", "What one evaluation covers (see the scopes below)."),
      new Key(RuleReader.THRESHOLD, "required", "In the detector's unit: ms (latency, slow_query), percent "
          + "(error_rate, cpu, memory, disk, degradation increase), in-flight requests (concurrency), MB per minute "
          + "(memory_leak), findings (n_plus_one). `${NAME:default}` reads an environment variable."),
      new Key(RuleReader.WINDOW, "required", "How much recent data is evaluated."),
      new Key(RuleReader.MIN_REQUESTS, "1", "No verdict on less traffic in the window (slow_query: statements)."),
      new Key(RuleReader.FOR, "0s", "The condition must hold this long before the alert fires."),
      new Key(RuleReader.KEEP, "0s", "The alert keeps firing this long after the condition clears."),
      new Key(RuleReader.AGGREGATE, "service (resource rules: instance)", "Over a fleet: one alert per service "
          + "(job) or per instance (job and instance)."),
      new Key(SeverityReader.SEVERITY, "required", "A level (low, medium, high, critical), or a ladder "
          + "`{low: 1.0, high: 2.0}`: each level applies from value/threshold >= its ratio."),
      new Key(RuleReader.INCLUDE, "all routes", "Route globs to evaluate (`*` within a segment, `**` any segments); "
          + "endpoint scope only."),
      new Key(RuleReader.EXCLUDE, "none", "Route globs to leave out; endpoint scope only."),
      new Key(RuleReader.INCLUDE_4XX, "false", "Count 4xx responses as errors besides 5xx."),
      new Key(RuleReader.BASELINE, "previous_hour", "The history a degradation is measured against."),
      new Key(TextMaps.LABELS, "none", "Extra alert labels (alertname and severity are set by perfwatch)."),
      new Key(TextMaps.ANNOTATIONS, "none", "Texts; `{{endpoint}}` `{{value}}` `{{threshold}}` `{{table}}` "
          + "`{{operation}}` `{{mount}}` `{{fingerprint}}` `{{resource}}` `{{count}}` `{{job}}` `{{instance}}` are "
          + "filled in, and `{{span}}` for memory_leak (the time its readings cover). `{{advice}}` is the "
          + "detector's own recommendation from what it measured (slow_query: the index to create, checked against "
          + "the table's real indexes, or why none applies), also used when a rule has no `recommendation`; "
          + "`rules export` writes why Prometheus cannot give it."));

  private RuleFields() {}

  /** The Markdown the README embeds. */
  static String markdown() {
    List<String> lines = new ArrayList<>();
    lines.add("The file has one key, `groups`: " + DocumentReader.GROUPS.expected() + ". Each group:");
    lines.add("");
    GROUP_KEYS.forEach(k -> item(lines, k, ""));
    lines.add("");
    lines.add("Each rule:");
    lines.add("");
    RULE_KEYS.forEach(k -> item(lines, k, detectors(k.field().key())));
    lines.add("");
    lines.add("Metrics by detector: " + Stream.of(Detector.values())
        .filter(d -> !DetectorSpec.of(d).metrics().isEmpty())
        .map(d -> d.yamlName() + " " + names(DetectorSpec.of(d).metrics().stream().map(Metric::yamlName)))
        .collect(Collectors.joining("; ")) + ".");
    lines.add("Scopes by detector, the first is the default: " + Stream.of(Detector.values())
        .map(d -> d.yamlName() + " " + names(scopes(d).stream().map(Scope::yamlName)))
        .collect(Collectors.joining("; ")) + ".");
    return lines.stream().flatMap(l -> wrap(l).stream()).collect(Collectors.joining("\n", "", "\n"));
  }

  private static void item(List<String> lines, Key k, String detectors) {
    String where = detectors.isEmpty() ? "" : "; " + detectors;
    lines.add("- `" + k.field().key() + "` (" + k.defaultText() + where + "): " + k.field().expected() + ". "
        + k.meaning());
  }

  private static String detectors(String key) {
    return DetectorSpec.COMMON_KEYS.contains(key) ? "all detectors"
        : String.join(", ", DetectorSpec.detectorsWithKey(key));
  }

  private static List<Scope> scopes(Detector d) {
    if (d != Detector.RESOURCE) {
      return DetectorSpec.scopes(d, null);
    }
    return Stream.of(Resource.values()).flatMap(r -> DetectorSpec.scopes(d, r).stream()).distinct().toList();
  }

  private static String names(Stream<String> names) {
    return names.collect(Collectors.joining("|"));
  }

  /** Markdown list items continue on lines indented by two spaces. */
  private static List<String> wrap(String line) {
    List<String> out = new ArrayList<>();
    String rest = line;
    String indent = line.startsWith("- ") ? "  " : "";
    while (rest.length() > WIDTH) {
      int cut = rest.lastIndexOf(' ', WIDTH);
      out.add(rest.substring(0, cut));
      rest = indent + rest.substring(cut + 1);
    }
    out.add(rest);
    return out;
  }
}
