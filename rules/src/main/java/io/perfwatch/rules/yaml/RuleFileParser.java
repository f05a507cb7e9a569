package io.perfwatch.rules.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a rule file into a validated {@link RuleSet}, or throws a {@link RuleFileException} listing every problem
 * with {@code file:line:column}. The file is data only: no tags, anchors or expressions; numbers and durations may
 * be {@code ${ENV_VAR:default}} references, resolved against the environment given here.
 */
public final class RuleFileParser {

  /** Rule files are hand-written; anything bigger is a mistake (or an attack on the YAML parser). */
  public static final int MAX_BYTES = 1024 * 1024;

  static final String BUILT_IN_RESOURCE = "/io/perfwatch/rules/perfwatch-rules.yml";
  static final String BUILT_IN = "built-in";

  private final EnvSubstitution env;

  /** @param environment where {@code ${NAME}} references are looked up, usually {@code System.getenv()} */
  public RuleFileParser(Map<String, String> environment) {
    this.env = new EnvSubstitution(Objects.requireNonNull(environment, "environment"));
  }

  /** The default rules packaged in the jar, with overrides from the process environment. */
  public static RuleSet builtIn() {
    return new RuleFileParser(System.getenv()).parseBuiltIn();
  }

  /** The default rules packaged in the jar, with overrides from this parser's environment. */
  public RuleSet parseBuiltIn() {
    try (InputStream in = RuleFileParser.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(BUILT_IN_RESOURCE + " is missing from the classpath; the perfwatch-rules "
            + "jar is incomplete");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code file}; an unreadable, oversized or non-UTF-8 file is reported like any other problem. */
  public RuleSet parse(Path file) {
    String name = file.toString();
    Problems problems = new Problems(name);
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw tooLarge(problems, size);
      }
      byte[] bytes = Files.readAllBytes(file);
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return parse(text, name);
    } catch (CharacterCodingException e) {
      problems.add(problems.start(), null, "file is not valid UTF-8; save it as UTF-8");
    } catch (IOException e) {
      problems.add(problems.start(), null, "cannot read the file: " + e.getClass().getSimpleName() + " "
          + e.getMessage());
    }
    throw problems.toException();
  }

  /** Parses {@code yaml}; {@code fileName} appears in every problem position and as the set's origin. */
  public RuleSet parse(String yaml, String fileName) {
    Problems problems = new Problems(fileName);
    int bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw tooLarge(problems, bytes);
    }
    if (yaml.isBlank()) {
      problems.add(problems.start(), null, "file is empty; expected a mapping with a 'groups' list, "
          + "e.g. groups: [{name: latency, interval: 30s, rules: [...]}]");
      throw problems.toException();
    }
    Optional<Node> root = YamlLoader.load(yaml, problems);
    List<RuleDefinition> rules = root.map(r -> new DocumentReader(problems, env).read(r)).orElse(List.of());
    if (root.isEmpty() && problems.isEmpty()) {
      problems.add(problems.start(), null, "file has only comments; expected a mapping with a 'groups' list");
    }
    if (!problems.isEmpty()) {
      throw problems.toException();
    }
    return new RuleSet(rules, fileName, problems.warnings());
  }

  private static RuleFileException tooLarge(Problems problems, long size) {
    problems.add(problems.start(), null, "file is " + size + " bytes; rule files are limited to " + MAX_BYTES
        + " bytes (1 MiB)");
    return problems.toException();
  }
}
