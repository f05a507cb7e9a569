package io.perfwatch.spark;

import spark.route.HttpMethod;

/** Spark's method as the upper-case name perfwatch labels by; a switch on the enum allocates nothing. */
final class SparkMethods {
  private SparkMethods() {}

  /** The filter pseudo-methods ({@code before}, {@code after}, ...) and anything else become UNKNOWN. */
  static String name(HttpMethod method) {
    return switch (method) {
      case get -> "GET";
      case post -> "POST";
      case put -> "PUT";
      case delete -> "DELETE";
      case patch -> "PATCH";
      case head -> "HEAD";
      case options -> "OPTIONS";
      case trace -> "TRACE";
      case connect -> "CONNECT";
      default -> "UNKNOWN";
    };
  }
}
