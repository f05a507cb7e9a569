package io.perfwatch.exporter.internal.http;

import org.jspecify.annotations.Nullable;

/**
 * How an adapter reads its framework's request object, as a stateless strategy: {@link HttpMetrics#begin} takes the
 * request and its reader, so timing a request allocates no wrapper. Not API.
 */
public interface RequestReader<R> {
  String method(R request);

  /** The path within the app: without a servlet context path and the query string. */
  String path(R request);

  @Nullable String header(R request, String name);

  @Nullable Object attribute(R request, String name);
}
