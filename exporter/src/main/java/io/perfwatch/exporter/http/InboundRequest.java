package io.perfwatch.exporter.http;

import org.jspecify.annotations.Nullable;

/**
 * What perfwatch reads from an HTTP request, whatever the framework: the adapters (Spark, javax and jakarta
 * servlets) answer it from their own request object, and an {@link IdentityExtractor} reads tenant and user from it.
 * It is valid only during that call: perfwatch reuses one per thread instead of allocating one per request.
 */
public interface InboundRequest {

  /** The method as the client sent it, e.g. {@code GET}. */
  String method();

  /** The path within the app: without the servlet context path and the query string. */
  String path();

  /** The first value of a header, or null when the request has none. */
  @Nullable String header(String name);

  /** A request attribute the app or a filter before perfwatch set (for example a verified principal), or null. */
  @Nullable Object attribute(String name);
}
