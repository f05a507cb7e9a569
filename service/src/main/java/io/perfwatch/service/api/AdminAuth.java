package io.perfwatch.service.api;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import spark.Filter;
import spark.Request;
import spark.Response;
import spark.Spark;

/**
 * Bearer-token guard of the admin endpoints. Closed when no token is configured. The token is compared in constant
 * time (as SHA-256 digests, so not even its length leaks), never logged or echoed.
 *
 * <p>A request with the right token is always served: failures of other clients (one behind the same proxy, a
 * scanner) must never lock an admin out. Failed attempts are throttled instead: a client with
 * {@value FailureThrottle#PER_CLIENT} failures within a minute, or any client once all together made
 * {@value FailureThrottle#GLOBAL} within a minute, gets 429 with {@code Retry-After} for its next failures until
 * the minute is over. What makes guessing hopeless is the token itself (at least 16 characters); the 429 tells a
 * misconfigured client or a scan to back off. A client is the TCP peer's address, never a header such as
 * {@code X-Forwarded-For} that the client chooses (Spark's Jetty reports that as the remote address), so varying
 * a header cannot reset the count.
 */
public final class AdminAuth implements Filter {
  static final int MAX_FAILURES = FailureThrottle.PER_CLIENT;

  private final byte @Nullable [] tokenDigest;
  private final FailureThrottle throttle;

  public AdminAuth(@Nullable String token, LongSupplier clock) {
    this.tokenDigest = token == null || token.isBlank() ? null : sha256(token);
    this.throttle = new FailureThrottle(clock);
  }

  public boolean isOpen() {
    return tokenDigest != null;
  }

  @Override
  public void handle(Request request, Response response) {
    if (tokenDigest == null) {
      refuse(response, 401, "admin_disabled",
          "admin endpoints are closed: set PERFORMANCE_ADMIN_TOKEN on the server to enable them", 0);
    }
    String header = request.headers("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
        : null;
    // digest whatever was presented, so a missing token costs the same as a wrong one
    boolean matches = MessageDigest.isEqual(tokenDigest, sha256(presented == null ? "" : presented));
    if (matches && presented != null) {
      return;
    }
    long retryAfter = throttle.fail(socketAddress(request));
    if (retryAfter > 0) {
      refuse(response, 429, "too_many_attempts",
          "too many failed authentication attempts; retry after " + retryAfter + " s", retryAfter);
    }
    refuse(response, 401, "unauthorized", presented == null
        ? "missing bearer token: send Authorization: Bearer <admin token>" : "invalid bearer token", 0);
  }

  /** The TCP peer, not {@code getRemoteAddr()}: Jetty rewrites that from {@code X-Forwarded-For}. */
  static String socketAddress(Request request) {
    org.eclipse.jetty.server.Request base = org.eclipse.jetty.server.Request.getBaseRequest(request.raw());
    if (base != null && base.getHttpChannel() != null) {
      InetSocketAddress peer = base.getHttpChannel().getEndPoint().getRemoteAddress();
      if (peer != null && peer.getAddress() != null) {
        return peer.getAddress().getHostAddress();
      }
    }
    return request.raw().getRemoteAddr();
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
