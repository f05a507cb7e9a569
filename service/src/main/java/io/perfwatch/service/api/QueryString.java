package io.perfwatch.service.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A request's query string, decided once for every endpoint: it must be valid percent-encoded UTF-8
 * ({@code +} is a space) and name only the endpoint's parameters (case-sensitive); anything else is refused as a
 * whole with a {@link QueryStringException}. Only the query string is read, never a form body.
 */
public final class QueryString {
  private final Map<String, List<String>> values;

  private QueryString(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * @param raw the undecoded query string, without {@code ?}; null or empty when there is none
   * @param allowed the endpoint's parameters
   * @throws QueryStringException {@code bad_request} when it is not valid percent-encoded UTF-8,
   *     {@code unknown_parameter} when it names a parameter not in {@code allowed}
   */
  public static QueryString of(@Nullable String raw, Collection<String> allowed) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&", -1)) {
        if (pair.isEmpty()) {
          continue; // "a=1&&b=2" and a trailing "&" separate nothing
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    List<String> unknown = values.keySet().stream().filter(n -> !allowed.contains(n)).sorted().toList();
    if (!unknown.isEmpty()) {
      String names = unknown.stream().map(ClientText::quote).collect(Collectors.joining(", "));
      throw new QueryStringException("unknown_parameter", (unknown.size() == 1 ? "unknown parameter " + names
          : "unknown parameters " + names) + (allowed.isEmpty() ? "; this endpoint takes no parameters"
          : "; allowed: " + String.join(", ", allowed)));
    }
    return new QueryString(values);
  }

  /** The values given for {@code name}, in order; empty when it is absent. */
  public List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  private static String decode(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    int i = 0;
    while (i < encoded.length()) {
      if (encoded.charAt(i) == '%') {
        int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
        if (low < 0) {
          throw malformed(ClientText.quote(encoded.substring(i, Math.min(i + 3, encoded.length())))
              + " is not a percent-encoded byte (% and two hex digits)");
        }
        bytes.write(high * 16 + low);
        i += 3;
      } else {
        // up to the next escape; a character beyond ASCII stands for its UTF-8 bytes
        int end = encoded.indexOf('%', i);
        end = end < 0 ? encoded.length() : end;
        bytes.writeBytes(encoded.substring(i, end).replace('+', ' ').getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw malformed("the percent-encoded bytes are not UTF-8");
    }
  }

  private static QueryStringException malformed(String why) {
    return new QueryStringException("bad_request", "malformed query string: " + why);
  }
}
