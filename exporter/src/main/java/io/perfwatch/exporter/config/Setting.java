package io.perfwatch.exporter.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The declaration of one {@code PERFORMANCE_*} environment variable: everything the start-up check, the builders'
 * defaults and the generated reference ({@code perfwatch config}) need. Declare one through the factories
 * ({@link #integer}, {@link #decimal}, {@link #flag}, {@link #text}, {@link #httpUrl}, {@link #of}); read values
 * with {@link SettingValues}.
 *
 * @param type the value's kind as the reference shows it, e.g. {@code integer}
 * @param defaultValue what an unset (or blank) variable means
 * @param defaultText {@code defaultValue} as a user would write it; empty when unset means "off"
 * @param allowed what a valid value is, completing "expected ...", e.g. {@code a whole number from 1 to 500}
 * @param meaning one line for the reference
 * @param secret never printed, never handed to rule files
 * @param parser turns the trimmed, non-blank text into a value; throws {@link IllegalArgumentException} when it
 *     cannot (a message replaces the generic "expected {@code allowed}")
 * @param accepts the range check, applied to parsed values and to values built in code
 */
public record Setting<T>(String name, SettingGroup group, String type, T defaultValue, String defaultText,
    String allowed, String meaning, boolean secret, Function<String, T> parser, Predicate<T> accepts) {

  private static final Pattern NAME = Pattern.compile("PERFORMANCE_[A-Z0-9]+(_[A-Z0-9]+)*");

  public Setting {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(accepts, "accepts");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("setting name '" + name + "': expected PERFORMANCE_ and upper-case words");
    }
    if (meaning.isBlank() || meaning.contains("\n") || allowed.isBlank() || type.isBlank()) {
      throw new IllegalArgumentException(name + ": type, allowed values and a one-line meaning are required");
    }
  }

  /** A whole number from {@code min} to {@code max}. */
  public static Setting<Integer> integer(String name, SettingGroup group, int defaultValue, int min, int max,
      String meaning) {
    return new Setting<>(name, group, "integer", defaultValue, String.valueOf(defaultValue),
        "a whole number from " + min + " to " + max, meaning, false, Integer::parseInt, v -> v >= min && v <= max);
  }

  /** A finite number greater than 0 and at most {@code max}. */
  public static Setting<Double> decimal(String name, SettingGroup group, double defaultValue, double max,
      String meaning) {
    String allowed = max == 100 ? "a percentage greater than 0 and at most 100"
        : max == Double.MAX_VALUE ? "a number greater than 0" : "a number greater than 0 and at most " + show(max);
    return new Setting<>(name, group, max == 100 ? "percent" : "number", defaultValue, show(defaultValue), allowed,
        meaning, false, Setting::parseDouble, v -> v > 0 && v <= max);
  }

  /** {@code true}/{@code false}; also {@code 1}/{@code 0}, {@code yes}/{@code no}, {@code on}/{@code off}. */
  public static Setting<Boolean> flag(String name, SettingGroup group, boolean defaultValue, String meaning) {
    return new Setting<>(name, group, "boolean", defaultValue, String.valueOf(defaultValue), "true or false",
        meaning, false, Setting::parseFlag, v -> true);
  }

  /** Free text matching {@code pattern}, e.g. a header name. */
  public static Setting<String> text(String name, SettingGroup group, String defaultValue, Pattern pattern,
      String allowed, String meaning) {
    return new Setting<>(name, group, "text", defaultValue, defaultValue, allowed, meaning, false,
        Function.identity(), v -> pattern.matcher(v).matches());
  }

  /** An http(s) URL with a host; unset turns the feature it names off. */
  public static Setting<Optional<URI>> httpUrl(String name, SettingGroup group, String example, String meaning) {
    return new Setting<>(name, group, "URL", Optional.empty(), "", "an http(s) URL such as " + example, meaning,
        false, v -> Optional.of(parseHttpUrl(v)), v -> true);
  }

  /** Any other kind of value: {@code parser} reads it, {@code accepts} checks it. */
  public static <T> Setting<T> of(String name, SettingGroup group, String type, T defaultValue, String defaultText,
      String allowed, String meaning, Function<String, T> parser, Predicate<T> accepts) {
    return new Setting<>(name, group, type, defaultValue, defaultText, allowed, meaning, false, parser, accepts);
  }

  /** The same setting, never printed and never handed to rule files. */
  public Setting<T> asSecret() {
    return new Setting<>(name, group, type, defaultValue, defaultText, allowed, meaning, true, parser, accepts);
  }

  /** The value of {@code raw} (trimmed, not blank), or an {@link IllegalArgumentException} saying what is wrong. */
  public T parse(String raw) {
    T value;
    try {
      value = parser.apply(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(expected(), e);
    } catch (IllegalArgumentException e) {
      throw e.getMessage() == null ? new IllegalArgumentException(expected(), e) : e;
    }
    if (!accepts.test(value)) {
      throw new IllegalArgumentException(expected());
    }
    return value;
  }

  /** {@code expected <allowed>}, the end of every message about this setting. */
  public String expected() {
    return "expected " + allowed;
  }

  /** {@code field=value (VARIABLE): expected ...} when {@code value} is out of range, for checks of built values. */
  public void check(String field, T value, List<String> problems) {
    if (!accepts.test(value)) {
      problems.add(field + "=" + value + " (" + name + "): " + expected());
    }
  }

  /** The URL in {@code text}, which must be http(s) with a host. */
  public static URI parseHttpUrl(String text) {
    URI uri = null;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      // reported below with what is allowed
    }
    if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(lower(uri.getScheme()))) {
      throw new IllegalArgumentException((String) null);
    }
    return uri;
  }

  private static String lower(@Nullable String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static double parseDouble(String v) {
    double d = Double.parseDouble(v);
    if (!Double.isFinite(d)) {
      throw new NumberFormatException(v);
    }
    return d;
  }

  private static boolean parseFlag(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException((String) null);
    };
  }

  private static String show(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
