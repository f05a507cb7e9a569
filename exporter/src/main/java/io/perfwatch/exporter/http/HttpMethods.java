package io.perfwatch.exporter.http;

import spark.route.HttpMethod;

/** Canonical method names: the method is client input, so anything non-standard becomes UNKNOWN. */
final class HttpMethods {
  static final String UNKNOWN = "UNKNOWN";
  static final String[] ALL = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", UNKNOWN};

  private HttpMethods() {}

  /** Index into {@link #ALL}; without allocating, case-sensitive as HTTP is. */
  static int index(String method) {
    return switch (method) {
      case "GET" -> 0;
      case "POST" -> 1;
      case "PUT" -> 2;
      case "DELETE" -> 3;
      case "PATCH" -> 4;
      case "HEAD" -> 5;
      case "OPTIONS" -> 6;
      case "TRACE" -> 7;
      case "CONNECT" -> 8;
      default -> 9;
    };
  }

  /** Spark's method (never the filter pseudo-methods), canonical; a switch on the enum allocates nothing. */
  static String canonical(HttpMethod method) {
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
      default -> UNKNOWN;
    };
  }

  static String canonical(String method) {
    return ALL[index(method)];
  }
}
