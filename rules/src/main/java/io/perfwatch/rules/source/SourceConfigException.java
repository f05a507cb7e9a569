package io.perfwatch.rules.source;

import java.util.List;

/** An invalid source setting; the message names the variable, each bad value and what is allowed. */
public final class SourceConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  SourceConfigException(String variable, List<String> problems) {
    super(problems.size() == 1 ? variable + ": " + problems.get(0)
        : problems.size() + " problems in " + variable + ":\n  " + String.join("\n  ", problems));
  }
}
