package io.perfwatch.exporter.config;

import java.util.List;

/**
 * The reference of declared settings as text: {@code perfwatch config} prints it and the README embeds it. It reads
 * as an env file: per setting a comment with its meaning and allowed values, then {@code NAME=default} (empty when
 * unset is the default), grouped under {@link SettingGroup} titles. Lines stay within {@value #WIDTH} characters.
 */
public final class SettingsReference {
  static final int WIDTH = 120;

  private SettingsReference() {}

  /** {@code settings} in their order, a title line before each new group. */
  public static String render(List<Setting<?>> settings) {
    StringBuilder out = new StringBuilder();
    SettingGroup group = null;
    for (Setting<?> s : settings) {
      if (s.group() != group) {
        group = s.group();
        out.append(out.length() == 0 ? "" : "\n").append("# --- ").append(group.title()).append(" ---\n");
      }
      String allowed = "Allowed: " + s.allowed() + "." + (s.secret() ? " Never printed." : "");
      String comment = "# " + s.meaning() + " " + allowed;
      if (comment.length() > WIDTH) {
        comment = "# " + s.meaning() + "\n#   " + allowed;
      }
      out.append(comment).append('\n').append(s.name()).append('=').append(s.defaultText()).append('\n');
    }
    return out.toString();
  }
}
