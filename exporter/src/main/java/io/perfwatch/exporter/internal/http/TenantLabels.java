package io.perfwatch.exporter.internal.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.perfwatch.exporter.internal.meter.LabelLimiter;
import org.jspecify.annotations.Nullable;

/**
 * Tenant ids come from a header, that is from the client: only short ids of safe characters become label values
 * (anything else is {@code INVALID}), and at most {@code maxTenants} of them (then {@code OTHER}).
 */
final class TenantLabels {
  static final String INVALID = "INVALID";
  static final int MAX_LENGTH = 64;

  private final LabelLimiter limiter;

  TenantLabels(MeterRegistry registry, int maxTenants) {
    this.limiter = new LabelLimiter(registry, "tenant", maxTenants);
  }

  @Nullable String label(@Nullable String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    return isSafe(raw, false) ? limiter.admit(raw) : INVALID;
  }

  /** User ids never become labels; the raw sample ring keeps them only when short and of safe characters. */
  static @Nullable String userId(@Nullable String raw) {
    return raw == null || raw.isEmpty() ? null : isSafe(raw, true) ? raw : INVALID;
  }

  static boolean isSafe(String value, boolean allowAt) {
    if (value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == ':' || (allowAt && c == '@');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
