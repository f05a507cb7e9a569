package io.perfwatch.exporter.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values of declared {@link Setting}s read from an environment in one pass: every problem (variable, value,
 * what is allowed) is collected before anything fails. Unset and blank variables take the declared default.
 */
public final class SettingValues {
  private final Map<String, Setting<?>> declared;
  private final Map<String, Object> values;
  private final Map<String, String> texts;

  private SettingValues(Map<String, Setting<?>> declared, Map<String, Object> values, Map<String, String> texts) {
    this.declared = declared;
    this.values = values;
    this.texts = texts;
  }

  /** Reads {@code settings} from {@code env}; throws one {@link PerfWatchConfigException} listing every problem. */
  public static SettingValues read(Collection<? extends Setting<?>> settings, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    SettingValues values = read(settings, env, problems);
    if (!problems.isEmpty()) {
      throw new PerfWatchConfigException(problems);
    }
    return values;
  }

  /** Reads {@code settings} from {@code env}, adding a line to {@code problems} per bad value (which reads as unset). */
  public static SettingValues read(Collection<? extends Setting<?>> settings, Map<String, String> env,
      List<String> problems) {
    Map<String, Setting<?>> declared = new LinkedHashMap<>();
    Map<String, Object> values = new HashMap<>();
    Map<String, String> texts = new HashMap<>();
    for (Setting<?> setting : settings) {
      if (declared.put(setting.name(), setting) != null) {
        throw new IllegalArgumentException(setting.name() + " is declared twice");
      }
      String raw = env.get(setting.name());
      if (raw == null || raw.isBlank()) {
        continue;
      }
      String text = raw.strip();
      try {
        values.put(setting.name(), setting.parse(text));
        texts.put(setting.name(), text);
      } catch (IllegalArgumentException e) {
        problems.add(shown(setting, text) + ": " + e.getMessage());
      }
    }
    return new SettingValues(Map.copyOf(declared), Map.copyOf(values), Map.copyOf(texts));
  }

  /** The value set in the environment, or the declared default. */
  public <T> T get(Setting<T> setting) {
    requireDeclared(setting);
    @SuppressWarnings("unchecked") // put by read() from this very setting's parser
    T value = (T) values.getOrDefault(setting.name(), setting.defaultValue());
    return value;
  }

  /** Whether the environment set a (valid, non-blank) value. */
  public boolean isSet(Setting<?> setting) {
    requireDeclared(setting);
    return values.containsKey(setting.name());
  }

  /** The trimmed texts of the set, non-secret settings by name: what rule files' {@code ${NAME}} may read. */
  public Map<String, String> publicTexts() {
    Map<String, String> result = new HashMap<>();
    texts.forEach((name, text) -> {
      if (!declared.get(name).secret()) {
        result.put(name, text);
      }
    });
    return Map.copyOf(result);
  }

  /** Equal when the same variables were set to the same values (defaults need no comparing). */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SettingValues v && values.equals(v.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "SettingValues" + values.keySet();
  }

  private void requireDeclared(Setting<?> setting) {
    if (declared.get(setting.name()) != setting) {
      throw new IllegalArgumentException(setting.name() + " was not among the settings read");
    }
  }

  private static String shown(Setting<?> setting, String text) {
    return setting.secret() ? setting.name() + " (" + text.length() + " characters, not shown)"
        : setting.name() + "='" + text + "'";
  }
}
