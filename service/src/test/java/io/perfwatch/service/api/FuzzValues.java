package io.perfwatch.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Query values generated from a parameter's schema: ones it accepts, and ones it rejects, judged as the service reads
 * a query value (surrounding spaces ignored, enumerated values in any letter case, booleans also 1/0 and yes/no as
 * the document says).
 */
final class FuzzValues {
  private static final Pattern ASCII_INTEGER = Pattern.compile("[+-]?[0-9]{1,10}");

  private FuzzValues() {}

  static Arbitrary<String> valid(JsonNode schema) {
    return switch (schema.get("type").asText()) {
      case "integer" -> Arbitraries.integers().between(schema.get("minimum").asInt(), schema.get("maximum").asInt())
          .map(String::valueOf);
      case "boolean" -> Arbitraries.of("true", "false", "1", "0", "yes", "no").flatMap(FuzzValues::anyCase);
      default -> schema.has("enum") ? Arbitraries.of(texts(schema.get("enum"))).flatMap(FuzzValues::anyCase)
          : Arbitraries.strings().alpha().numeric().withChars(".:-_").ofMaxLength(schema.get("maxLength").asInt());
    };
  }

  /** Values the schema rejects (as the service reads a query value: surrounding spaces ignored, enums any case). */
  static Arbitrary<String> invalid(JsonNode schema) {
    Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(30);
    Arbitrary<String> candidates = switch (schema.get("type").asText()) {
      case "integer" -> Arbitraries.oneOf(
          Arbitraries.integers().lessOrEqual(schema.get("minimum").asInt() - 1).map(String::valueOf),
          Arbitraries.integers().greaterOrEqual(schema.get("maximum").asInt() + 1).map(String::valueOf),
          Arbitraries.of("", " ", "1.5", "1e3", "0x1F", "+-1", "99999999999", "NaN", "\u0665", "\uff15", "5 5",
              "5\u0000", "\t5"),
          Arbitraries.strings().numeric().ofMinLength(11).ofMaxLength(6_000), anyText);
      case "boolean" -> Arbitraries.oneOf(Arbitraries.of("maybe", "2", "tru", "", "\uff54rue", "yes!", "true\u0000"),
          anyText);
      default -> schema.has("enum") ? Arbitraries.oneOf(Arbitraries.of("bogus", "", "x".repeat(200)),
          Arbitraries.of(texts(schema.get("enum"))).map(v -> v + "x"), anyText)
          : Arbitraries.strings().all().ofMinLength(schema.get("maxLength").asInt() + 1).ofMaxLength(1_000);
    };
    return candidates.filter(v -> !isValid(schema, v));
  }

  static boolean isValid(JsonNode schema, String value) {
    String v = value.replaceAll("^ +| +$", "");
    return switch (schema.get("type").asText()) {
      case "integer" -> ASCII_INTEGER.matcher(v).matches() && inRange(v, schema);
      case "boolean" -> List.of("true", "false", "1", "0", "yes", "no").contains(v.toLowerCase(Locale.ROOT));
      default -> schema.has("enum") ? texts(schema.get("enum")).stream().anyMatch(e -> e.toLowerCase(Locale.ROOT)
          .equals(v.toLowerCase(Locale.ROOT))) : v.length() <= schema.get("maxLength").asInt();
    };
  }

  private static boolean inRange(String digits, JsonNode schema) {
    long value = Long.parseLong(digits);
    return value >= schema.get("minimum").asLong() && value <= schema.get("maximum").asLong();
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Arbitrary<String> anyCase(String value) {
    return Arbitraries.of(value, value.toUpperCase(Locale.ROOT), value.substring(0, 1).toUpperCase(Locale.ROOT)
        + value.substring(1).toLowerCase(Locale.ROOT));
  }
}
