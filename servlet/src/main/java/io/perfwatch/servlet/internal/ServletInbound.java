package io.perfwatch.servlet.internal;

import io.perfwatch.exporter.http.InboundRequest;
import javax.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** A servlet request as perfwatch's core reads it. Not API. */
public record ServletInbound(HttpServletRequest request) implements InboundRequest {
  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String path() {
    return RequestTiming.pathWithinApp(request);
  }

  @Override
  public @Nullable String header(String name) {
    return request.getHeader(name);
  }

  @Override
  public @Nullable Object attribute(String name) {
    return request.getAttribute(name);
  }
}
