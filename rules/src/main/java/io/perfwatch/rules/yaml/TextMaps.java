package io.perfwatch.rules.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads {@code labels} and {@code annotations}: string-to-string mappings with Prometheus-style names. */
final class TextMaps {

  static final Field LABELS = new Field("labels", "a mapping of label names to values", "{team: payments}");
  static final Field ANNOTATIONS = new Field("annotations", "a mapping of names to texts",
      "{summary: \"p95 of {{endpoint}} is {{value}} ms\"}");
  static final List<String> PLACEHOLDERS = List.of("endpoint", "value", "threshold", "table", "operation", "mount",
      "fingerprint", "resource", "count", "span", "job", "instance", "advice");

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
  // The engine sets these itself (Alertmanager's alertname/severity); a rule overriding them would split alerts.
  private static final Set<String> RESERVED = Set.of("alertname", "severity");

  private TextMaps() {}

  static Map<String, String> labels(MappingReader rule, EnvSubstitution env) {
    return read(rule, LABELS, env, (key, value) -> {
      if (RESERVED.contains(key.getValue()) || key.getValue().startsWith("__")) {
        return Optional.of("label '" + key.getValue() + "' is reserved (perfwatch sets alertname and severity, "
            + "and names starting with __ are Prometheus-internal); choose another name");
      }
      return Optional.empty();
    });
  }

  static Map<String, String> annotations(MappingReader rule, EnvSubstitution env) {
    return read(rule, ANNOTATIONS, env, (key, value) -> {
      Matcher m = PLACEHOLDER.matcher(value.getValue());
      while (m.find()) {
        if (!PLACEHOLDERS.contains(m.group(1))) {
          return Optional.of("annotation '" + key.getValue() + "' uses unknown placeholder "
              + MappingReader.quote("{{" + m.group(1) + "}}") + Suggestions.didYouMean(m.group(1), PLACEHOLDERS)
              + "; expected one of " + PLACEHOLDERS + ", written like {{endpoint}}");
        }
      }
      return Optional.empty();
    });
  }

  private interface Check {
    Optional<String> problem(ScalarNode key, ScalarNode value);
  }

  private static Map<String, String> read(MappingReader rule, Field field, EnvSubstitution env, Check check) {
    Map<String, String> result = new LinkedHashMap<>();
    Optional<Node> value = rule.value(field.key());
    if (value.isEmpty()) {
      return result;
    }
    MappingReader.of(value.get(), field, rule.rule(), rule.problems(), env).ifPresent(map -> {
      for (NodeTuple t : map.entries()) {
        ScalarNode key = (ScalarNode) t.getKeyNode();
        if (!NAME.matcher(key.getValue()).matches()) {
          rule.problems().add(key, rule.rule(), "name " + MappingReader.quote(key.getValue()) + " in '" + field.key()
              + "' is invalid; expected letters, digits and '_', not starting with a digit, e.g. team");
        } else if (!(t.getValueNode() instanceof ScalarNode s) || MappingReader.isNull(s)) {
          rule.problems().add(t.getValueNode(), rule.rule(), "'" + field.key() + "." + key.getValue() + "' is "
              + MappingReader.describe(t.getValueNode()) + "; expected a text, e.g. " + field.example());
        } else {
          check.problem(key, s).ifPresentOrElse(p -> rule.problems().add(key, rule.rule(), p),
              () -> result.put(key.getValue(), s.getValue()));
        }
      }
    });
    return result;
  }
}
