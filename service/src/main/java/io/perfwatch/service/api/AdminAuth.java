package io.perfwatch.service.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import spark.Filter;
import spark.Request;
import spark.Response;
import spark.Spark;

/**
 * Bearer-token guard of the admin endpoints. Closed when no token is configured. The token is compared in constant
 * time (as SHA-256 digests, so not even its length leaks), never logged or echoed. A client that fails
 * {@value #MAX_FAILURES} times within a minute is refused with 429 and {@code Retry-After} until the minute is over.
 */
public final class AdminAuth implements Filter {
  static final int MAX_FAILURES = 10;
  private static final long WINDOW_MILLIS = 60_000;
  private static final int MAX_TRACKED_CLIENTS = 10_000;

  private final byte @Nullable [] tokenDigest;
  private final LongSupplier clock;
  private final Map<String, long[]> failures = new LinkedHashMap<>(16, 0.75f, true) { // ip -> {windowStart, count}
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > MAX_TRACKED_CLIENTS;
    }
  };

  public AdminAuth(@Nullable String token, LongSupplier clock) {
    this.tokenDigest = token == null || token.isBlank() ? null : sha256(token);
    this.clock = clock;
  }

  public boolean isOpen() {
    return tokenDigest != null;
  }

  @Override
  public void handle(Request request, Response response) {
    String client = request.ip();
    long retryAfter = retryAfterSeconds(client);
    if (retryAfter > 0) {
      refuse(response, 429, "too_many_attempts",
          "too many failed authentication attempts; retry after " + retryAfter + " s", retryAfter);
    }
    if (tokenDigest == null) {
      refuse(response, 401, "admin_disabled",
          "admin endpoints are closed: set PERFORMANCE_ADMIN_TOKEN on the server to enable them", 0);
    }
    String header = request.headers("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
        : null;
    if (presented == null || !MessageDigest.isEqual(tokenDigest, sha256(presented))) {
      recordFailure(client);
      refuse(response, 401, "unauthorized", presented == null
          ? "missing bearer token: send Authorization: Bearer <admin token>" : "invalid bearer token", 0);
    }
  }

  private synchronized long retryAfterSeconds(String client) {
    long[] entry = failures.get(client);
    long now = clock.getAsLong();
    if (entry == null || now - entry[0] >= WINDOW_MILLIS || entry[1] < MAX_FAILURES) {
      return 0;
    }
    return Math.max(1, (entry[0] + WINDOW_MILLIS - now + 999) / 1000);
  }

  private synchronized void recordFailure(String client) {
    long now = clock.getAsLong();
    long[] entry = failures.get(client);
    if (entry == null || now - entry[0] >= WINDOW_MILLIS) {
      failures.put(client, new long[] {now, 1});
    } else {
      entry[1]++;
    }
  }

  private static void refuse(Response response, int status, String code, String message, long retryAfter) {
    response.type("application/json");
    response.header("WWW-Authenticate", "Bearer realm=\"perfwatch\"");
    if (retryAfter > 0) {
      response.header("Retry-After", Long.toString(retryAfter));
    }
    Spark.halt(status, Json.write(ErrorResponse.of(code, message)));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
