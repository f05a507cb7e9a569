package io.perfwatch.servlet.internal;

import io.perfwatch.exporter.internal.http.RequestReader;
import javax.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** A servlet request as perfwatch's core reads it. Not API. */
public final class ServletReader implements RequestReader<HttpServletRequest> {
  public static final ServletReader INSTANCE = new ServletReader();

  private ServletReader() {}

  @Override
  public String method(HttpServletRequest request) {
    return request.getMethod();
  }

  @Override
  public String path(HttpServletRequest request) {
    return RequestTiming.pathWithinApp(request);
  }

  @Override
  public @Nullable String header(HttpServletRequest request, String name) {
    return request.getHeader(name);
  }

  @Override
  public @Nullable Object attribute(HttpServletRequest request, String name) {
    return request.getAttribute(name);
  }
}
