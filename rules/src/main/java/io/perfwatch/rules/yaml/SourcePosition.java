package io.perfwatch.rules.yaml;

import java.util.Objects;

/**
 * A place in a rule file, 1-based like an editor's status bar.
 *
 * @param file the file name as given to the parser (a path, or {@code built-in})
 */
public record SourcePosition(String file, int line, int column) {

  public SourcePosition {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
    }
  }

  /** {@code file:line:column}, the form editors and compilers use to jump to a place. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
