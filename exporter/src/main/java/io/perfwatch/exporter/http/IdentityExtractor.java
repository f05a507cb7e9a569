package io.perfwatch.exporter.http;

import org.jspecify.annotations.Nullable;

/**
 * Finds the tenant and user of a request. The default reads two headers ({@code X-Tenant-ID}, {@code X-User-ID});
 * apps that authenticate differently plug in their own, for example reading a verified token's claims that an
 * authentication filter left in a request attribute.
 */
public interface IdentityExtractor {

  @Nullable String tenantId(InboundRequest request);

  @Nullable String userId(InboundRequest request);

  static IdentityExtractor headers(String tenantHeader, String userHeader) {
    return new IdentityExtractor() {
      @Override
      public @Nullable String tenantId(InboundRequest request) {
        return request.header(tenantHeader);
      }

      @Override
      public @Nullable String userId(InboundRequest request) {
        return request.header(userHeader);
      }
    };
  }
}
