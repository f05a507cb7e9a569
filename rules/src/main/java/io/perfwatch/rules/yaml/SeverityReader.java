package io.perfwatch.rules.yaml;

import io.perfwatch.rules.alert.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads {@code severity}: a single level ({@code severity: medium}) or a ladder of ratios per level. */
final class SeverityReader {

  static final Field SEVERITY = new Field("severity", "a level or a ladder of value/threshold ratios",
      "{low: 1.0, medium: 1.5, high: 2.0, critical: 4.0}");
  private static final List<String> LEVELS = Stream.of(Severity.values()).map(Severity::label).toList();

  private SeverityReader() {}

  static Optional<SeverityLadder> read(MappingReader rule, EnvSubstitution env) {
    Optional<Node> value = rule.value(SEVERITY.key());
    if (value.isEmpty()) {
      rule.problems().add(rule.node(), rule.rule(), SEVERITY.missing());
      return Optional.empty();
    }
    if (value.get() instanceof ScalarNode s && !MappingReader.isNull(s)) {
      return level(rule, s).map(SeverityLadder::fixed);
    }
    return MappingReader.of(value.get(), SEVERITY, rule.rule(), rule.problems(), env)
        .flatMap(ladder -> ladder(rule, ladder));
  }

  private static Optional<SeverityLadder> ladder(MappingReader rule, MappingReader ladder) {
    int before = rule.problems().count();
    Map<Severity, Double> ratios = new EnumMap<>(Severity.class);
    for (NodeTuple t : ladder.entries()) {
      ScalarNode key = (ScalarNode) t.getKeyNode();
      Field ratio = new Field(key.getValue(), "a value/threshold ratio >= 1.0 (1.0 = at the threshold)", "1.5");
      Optional<Double> r = ladder.number(ratio, true);
      Optional<Severity> level = level(rule, key);
      if (r.isPresent() && r.get() < 1.0) {
        rule.problems().add(t.getValueNode(), rule.rule(), "severity ratio of '" + key.getValue() + "' is "
            + r.get() + "; expected a ratio >= 1.0, because a rule only fires at or above its threshold");
      } else if (r.isPresent() && level.isPresent()) {
        ratios.put(level.get(), r.get());
      }
    }
    if (ladder.entries().isEmpty()) {
      rule.problems().add(ladder.node(), rule.rule(), SEVERITY.invalid("an empty mapping"));
    }
    Map.Entry<Severity, Double> previous = null;
    for (Map.Entry<Severity, Double> e : ratios.entrySet()) {
      if (previous != null && e.getValue() <= previous.getValue()) {
        rule.problems().add(ladder.value(e.getKey().label()).orElseThrow(), rule.rule(), "severity ratio of '"
            + e.getKey().label() + "' (" + e.getValue() + ") must be greater than that of '"
            + previous.getKey().label() + "' (" + previous.getValue() + "); higher levels need higher ratios, e.g. "
            + SEVERITY.example());
      }
      previous = e;
    }
    return rule.problems().count() == before ? Optional.of(new SeverityLadder(ratios)) : Optional.empty();
  }

  private static Optional<Severity> level(MappingReader rule, ScalarNode node) {
    Optional<Severity> level = Severity.parse(node.getValue());
    if (level.isEmpty()) {
      rule.problems().add(node, rule.rule(), "severity level " + MappingReader.quote(node.getValue())
          + " is unknown" + Suggestions.didYouMean(node.getValue(), LEVELS) + "; expected one of " + LEVELS);
    }
    return level;
  }
}
