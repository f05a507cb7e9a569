package io.perfwatch.exporter.http;

import javax.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Finds the tenant and user of a request. The default reads two headers ({@code X-Tenant-ID}, {@code X-User-ID});
 * apps that authenticate differently plug in their own (for example reading a verified token's claims).
 */
public interface IdentityExtractor {

  @Nullable String tenantId(HttpServletRequest request);

  @Nullable String userId(HttpServletRequest request);

  static IdentityExtractor headers(String tenantHeader, String userHeader) {
    return new IdentityExtractor() {
      @Override
      public @Nullable String tenantId(HttpServletRequest request) {
        return request.getHeader(tenantHeader);
      }

      @Override
      public @Nullable String userId(HttpServletRequest request) {
        return request.getHeader(userHeader);
      }
    };
  }
}
