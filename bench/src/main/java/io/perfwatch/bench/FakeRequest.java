package io.perfwatch.bench;

import java.lang.reflect.Proxy;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * The few {@link HttpServletRequest} methods the instrumentation reads (method, URI, context path, the tenant and
 * user headers), answered from fields; any other call reaches a proxy that throws, so the benchmark would fail
 * (through the instrumentation-error count it checks) rather than measure a path it did not mean to.
 */
final class FakeRequest extends HttpServletRequestWrapper {
  private static final HttpServletRequest UNSUPPORTED = (HttpServletRequest) Proxy.newProxyInstance(
      FakeRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
        throw new UnsupportedOperationException("FakeRequest does not answer " + method.getName());
      });

  private final String method;
  private final String uri;
  private final @Nullable String tenant;

  FakeRequest(String method, String uri, @Nullable String tenant) {
    super(UNSUPPORTED);
    this.method = method;
    this.uri = uri;
    this.tenant = tenant;
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getRequestURI() {
    return uri;
  }

  @Override
  public String getContextPath() {
    return "";
  }

  @Override
  public @Nullable String getHeader(String name) {
    return "X-Tenant-ID".equalsIgnoreCase(name) ? tenant : null;
  }
}
