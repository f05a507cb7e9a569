package io.perfwatch.exporter.internal.http;

import io.perfwatch.exporter.http.InboundRequest;
import org.jspecify.annotations.Nullable;

/**
 * The {@link InboundRequest} an {@code IdentityExtractor} reads, one per thread and bound to the current request
 * only while identity is extracted: a view object per request would be the hot path's only allocation.
 */
final class ReusableInbound implements InboundRequest {
  private @Nullable Object request;
  private @Nullable RequestReader<Object> reader;

  @SuppressWarnings("unchecked")
  <R> InboundRequest bind(R request, RequestReader<R> reader) {
    this.request = request;
    this.reader = (RequestReader<Object>) reader;
    return this;
  }

  void clear() {
    request = null;
    reader = null;
  }

  private RequestReader<Object> reader() {
    RequestReader<Object> r = reader;
    if (r == null) {
      throw new IllegalStateException("an InboundRequest is valid only while perfwatch asks for the identity");
    }
    return r;
  }

  @Override
  public String method() {
    return reader().method(request());
  }

  @Override
  public String path() {
    return reader().path(request());
  }

  @Override
  public @Nullable String header(String name) {
    return reader().header(request(), name);
  }

  @Override
  public @Nullable Object attribute(String name) {
    return reader().attribute(request(), name);
  }

  private Object request() {
    Object r = request;
    if (r == null) {
      throw new IllegalStateException("an InboundRequest is valid only while perfwatch asks for the identity");
    }
    return r;
  }
}
