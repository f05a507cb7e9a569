package io.perfwatch.exporter.internal.http;

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

  static String canonical(String method) {
    return ALL[index(method)];
  }
}
