package io.perfwatch.service.report;

/** Numbers as the JSON shows them: one decimal for milliseconds and percentages; NaN stays NaN (null in JSON). */
final class Round {
  private Round() {}

  static double one(double value) {
    return Double.isFinite(value) ? Math.round(value * 10) / 10.0 : value;
  }
}
