package io.perfwatch.rules.export;

import java.util.Objects;

/** A rule (or a part of one) that PromQL cannot express, and why. */
public record Skipped(String rule, String reason) {

  public Skipped {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return "rule '" + rule + "': not exported: " + reason;
  }
}
