package io.perfwatch.rules.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed, positioned access to one YAML mapping. Every accessor reports a problem (and returns empty) instead of
 * throwing, so reading goes on and the file's other problems are found too.
 */
final class MappingReader {

  private final MappingNode node;
  private final @Nullable String rule;
  private final Problems problems;
  private final EnvSubstitution env;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private MappingReader(MappingNode node, @Nullable String rule, Problems problems, EnvSubstitution env) {
    this.node = node;
    this.rule = rule;
    this.problems = problems;
    this.env = env;
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        problems.add(t.getKeyNode(), rule, "keys must be plain names, found " + describe(t.getKeyNode()));
      } else if (entries.containsKey(key.getValue())) {
        problems.add(key, rule, "duplicate key '" + key.getValue() + "' (first at line "
            + problems.at(entries.get(key.getValue()).getKeyNode()).line() + "); remove one of them");
      } else {
        entries.put(key.getValue(), t);
      }
    }
  }

  /** A reader for {@code value}, or empty (with a problem) when it is not a mapping. */
  static Optional<MappingReader> of(Node value, Field field, @Nullable String rule, Problems problems,
      EnvSubstitution env) {
    if (value instanceof MappingNode m) {
      return Optional.of(new MappingReader(m, rule, problems, env));
    }
    problems.add(value, rule, field.invalid(describe(value)));
    return Optional.empty();
  }

  Node node() {
    return node;
  }

  @Nullable String rule() {
    return rule;
  }

  Problems problems() {
    return problems;
  }

  Collection<NodeTuple> entries() {
    return entries.values();
  }

  Optional<Node> value(String key) {
    return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
  }

  /** Reports keys outside {@code allowed}; {@code misplaced} words the message for a key known elsewhere. */
  void rejectUnknownKeys(List<String> allowed, Function<String, Optional<String>> misplaced) {
    for (NodeTuple t : entries.values()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      if (!allowed.contains(key)) {
        String message = misplaced.apply(key).orElseGet(() -> "unknown key '" + key + "'"
            + Suggestions.didYouMean(key, allowed) + "; expected one of " + allowed);
        problems.add(t.getKeyNode(), rule, message);
      }
    }
  }

  /** The scalar text of {@code field}, after env substitution when {@code substitute} is set. */
  Optional<EnvSubstitution.Resolved> scalar(Field field, boolean required, boolean substitute) {
    Optional<Node> value = value(field.key());
    if (value.isEmpty()) {
      if (required) {
        problems.add(node, rule, field.missing());
      }
      return Optional.empty();
    }
    if (!(value.get() instanceof ScalarNode s) || isNull(s)) {
      problems.add(value.get(), rule, field.invalid(describe(value.get())));
      return Optional.empty();
    }
    EnvSubstitution.Resolved r = substitute ? env.resolve(field.key(), s.getValue())
        : new EnvSubstitution.Resolved(s.getValue(), quote(s.getValue()), "");
    if (!r.ok()) {
      problems.add(s, rule, r.error());
      return Optional.empty();
    }
    return Optional.of(r);
  }

  Optional<String> text(Field field, boolean required) {
    return scalar(field, required, false).map(EnvSubstitution.Resolved::value);
  }

  /** A finite number; YAML's {@code .nan}/{@code .inf} and hex are rejected by the pattern. */
  Optional<Double> number(Field field, boolean required) {
    return scalar(field, required, true).flatMap(r -> {
      if (r.value().matches("[-+]?(\\d{1,300}(\\.\\d{0,300})?|\\.\\d{1,300})([eE][-+]?\\d{1,3})?")) {
        double d = Double.parseDouble(r.value());
        if (Double.isFinite(d)) {
          return Optional.of(d);
        }
      }
      return report(field, r.shown());
    });
  }

  Optional<Duration> duration(Field field, boolean required, Duration min, Duration max) {
    return scalar(field, required, true).flatMap(r -> Durations.parse(r.value())
        .filter(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0)
        .or(() -> report(field, r.shown())));
  }

  Optional<Long> integer(Field field, long min, long max) {
    return scalar(field, false, true).flatMap(r -> {
      if (r.value().matches("\\d{1,12}")) {
        long v = Long.parseLong(r.value());
        if (v >= min && v <= max) {
          return Optional.of(v);
        }
      }
      return report(field, r.shown());
    });
  }

  /** One of {@code allowed} by its YAML name; the message lists them all. */
  <E> Optional<E> choice(Field field, boolean required, List<E> allowed, Function<E, String> name, String context) {
    return scalar(field, required, false).flatMap(r -> {
      for (E e : allowed) {
        if (name.apply(e).equals(r.value())) {
          return Optional.of(e);
        }
      }
      List<String> names = allowed.stream().map(name).toList();
      problems.add(value(field.key()).orElseThrow(), rule, "'" + field.key() + "' is " + r.shown()
          + Suggestions.didYouMean(r.value(), names) + "; expected one of " + names + context);
      return Optional.empty();
    });
  }

  /** A list of scalars, or empty (with a problem) when the value is not a list of plain values. */
  Optional<List<ScalarNode>> scalars(Field field) {
    Optional<Node> value = value(field.key());
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!(value.get() instanceof SequenceNode seq)) {
      problems.add(value.get(), rule, field.invalid(describe(value.get())));
      return Optional.empty();
    }
    List<ScalarNode> items = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (item instanceof ScalarNode s && !isNull(s)) {
        items.add(s);
      } else {
        problems.add(item, rule, "an item of '" + field.key() + "' is " + describe(item) + "; expected "
            + field.expected() + ", e.g. " + field.key() + ": " + field.example());
      }
    }
    return Optional.of(items);
  }

  /** Quotes a value for a message, shortened so a pasted blob cannot flood the log. */
  static String quote(String value) {
    return "'" + (value.length() > 80 ? value.substring(0, 77) + "..." : value) + "'";
  }

  private <T> Optional<T> report(Field field, String shown) {
    problems.add(value(field.key()).orElseThrow(), rule, field.invalid(shown));
    return Optional.empty();
  }

  static boolean isNull(ScalarNode s) {
    return s.getTag().getValue().equals("tag:yaml.org,2002:null");
  }

  /** How a node appears in messages: its text quoted (shortened), or its kind. */
  static String describe(Node node) {
    if (node instanceof ScalarNode s) {
      return isNull(s) ? "empty" : quote(s.getValue());
    }
    return node instanceof SequenceNode ? "a list" : "a mapping";
  }
}
