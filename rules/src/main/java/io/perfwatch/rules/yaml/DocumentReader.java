package io.perfwatch.rules.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the file's outline ({@code groups} → group → {@code rules}) and checks names are unique. */
final class DocumentReader {

  private static final Field ROOT = new Field("(file)", "a mapping with a 'groups' list", "[...]");
  static final Field GROUPS = new Field("groups", "a list of groups", "[{name: latency, interval: 30s, "
      + "rules: [...]}]");
  private static final Field GROUP = new Field("group", "a mapping with name, interval and rules",
      "{name: latency, interval: 30s, rules: [...]}");
  static final Field GROUP_NAME = new Field("name", "lowercase letters, digits, '-' and '_'", "latency");
  static final Field INTERVAL = new Field("interval", "a duration from 1s to 1h", "30s");
  static final Field RULES = new Field("rules", "a list of rules", "[{name: high-p95-latency, ...}]");
  private static final Field RULE = new Field("rule", "a mapping with name, detector, threshold, ...",
      "{name: high-p95-latency, detector: latency, ...}");

  private final Problems problems;
  private final EnvSubstitution env;
  private final Map<String, Node> ruleNames = new HashMap<>();
  private final Map<String, Node> groupNames = new HashMap<>();

  DocumentReader(Problems problems, EnvSubstitution env) {
    this.problems = problems;
    this.env = env;
  }

  List<RuleDefinition> read(Node root) {
    List<RuleDefinition> rules = new ArrayList<>();
    if (root instanceof ScalarNode s && MappingReader.isNull(s)) {
      problems.add(problems.start(), null, "file has no rules; expected a mapping with a 'groups' list, "
          + "e.g. groups: [{name: latency, interval: 30s, rules: [...]}]");
      return rules;
    }
    MappingReader.of(root, ROOT, null, problems, env).ifPresent(file -> {
      file.rejectUnknownKeys(List.of("groups"), key -> Optional.empty());
      Optional<Node> groups = file.value("groups");
      if (groups.isEmpty()) {
        problems.add(root, null, GROUPS.missing());
      }
      groups.flatMap(g -> items(g, GROUPS, null)).ifPresent(list -> list.forEach(g -> group(g, rules)));
    });
    return rules;
  }

  private void group(Node node, List<RuleDefinition> rules) {
    MappingReader.of(node, GROUP, null, problems, env).ifPresent(group -> {
      group.rejectUnknownKeys(List.of("name", "interval", "rules"), key -> Optional.empty());
      Optional<String> name = group.text(GROUP_NAME, true);
      name.ifPresent(n -> {
        if (!RuleReader.NAME.matcher(n).matches()) {
          problems.add(group.value("name").orElseThrow(), null, GROUP_NAME.invalid(MappingReader.quote(n)));
        }
        checkName(n, group.value("name").orElseThrow(), null, groupNames, "group");
      });
      Optional<Duration> interval = group.duration(INTERVAL, true, Duration.ofSeconds(1), Duration.ofHours(1));
      Optional<Node> list = group.value("rules");
      if (list.isEmpty()) {
        problems.add(node, null, RULES.missing());
      }
      for (Node ruleNode : list.flatMap(l -> items(l, RULES, null)).orElse(List.of())) {
        @Nullable String ruleName = peekName(ruleNode);
        MappingReader.of(ruleNode, RULE, ruleName, problems, env).ifPresent(rule -> {
          rule.value("name").filter(n -> ruleName != null).ifPresent(n ->
              checkName(ruleName, n, ruleName, ruleNames, "rule"));
          Optional<RuleDefinition> definition = RuleReader.read(rule, name.orElse(""),
              interval.orElse(Duration.ofSeconds(1)), env);
          if (name.isPresent() && interval.isPresent()) {
            definition.ifPresent(rules::add);
          }
        });
      }
    });
  }

  private void checkName(String name, Node node, @Nullable String rule, Map<String, Node> seen, String kind) {
    Node first = seen.putIfAbsent(name, node);
    if (first != null) {
      problems.add(node, rule, "duplicate " + kind + " name '" + name + "'; the first is at " + problems.at(first)
          + ", and " + kind + " names must be unique in the file");
    }
  }

  private Optional<List<Node>> items(Node node, Field field, @Nullable String rule) {
    if (node instanceof SequenceNode seq) {
      return Optional.of(seq.getValue());
    }
    problems.add(node, rule, field.invalid(MappingReader.describe(node)));
    return Optional.empty();
  }

  /** The rule's name for messages about the rest of the rule, even when the name itself is invalid. */
  private static @Nullable String peekName(Node node) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("name")
            && t.getValueNode() instanceof ScalarNode v && !MappingReader.isNull(v)) {
          return v.getValue();
        }
      }
    }
    return null;
  }
}
