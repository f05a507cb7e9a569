package io.perfwatch.rules.yaml;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} and {@code ${NAME:default}} in number and duration values, so the spec's
 * {@code PERFORMANCE_MAX_*} variables override the file. The reference must be the whole value (no string
 * templating), and an unset or blank variable takes the default, like the shell's {@code ${NAME:-default}}.
 */
final class EnvSubstitution {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  /** The value to interpret, how to show it in messages, or why it could not be resolved. */
  record Resolved(String value, String shown, String error) {

    boolean ok() {
      return error.isEmpty();
    }
  }

  private final Map<String, String> environment;

  EnvSubstitution(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  Resolved resolve(String key, String text) {
    if (!text.contains("${")) {
      return new Resolved(text, MappingReader.quote(text), "");
    }
    Matcher m = REFERENCE.matcher(text);
    if (!m.matches()) {
      return new Resolved(text, MappingReader.quote(text), "'" + key + "' is " + MappingReader.quote(text)
          + "; expected a value or a whole reference ${NAME} or ${NAME:default}, e.g. ${PERFORMANCE_MAX_CPU_PERCENT:80}");
    }
    String name = m.group(1);
    String fallback = m.group(2);
    String value = environment.get(name);
    if (value == null || value.isBlank()) { // blank is unset, as for every PERFORMANCE_* setting
      if (fallback == null) {
        return new Resolved(text, MappingReader.quote(text), "'" + key + "' uses ${" + name + "}, but environment variable "
            + name + " is not set; set it or give a default, e.g. ${" + name + ":100}");
      }
      value = fallback;
    }
    return new Resolved(value.strip(), MappingReader.quote(value) + " (from " + text + ")", "");
  }
}
