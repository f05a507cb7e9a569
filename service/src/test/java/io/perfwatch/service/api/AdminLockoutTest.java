package io.perfwatch.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin throttle over real HTTP: failures are limited per client (the TCP peer) and in total, the right token
 * is always served. Clients are told apart by binding the socket to different loopback addresses (127.0.0.0/8).
 */
class AdminLockoutTest {
  private static final String TOKEN = "lockout-token-0123456789";
  private static final String PATH = PerformanceRoutes.BASE + "/alerts";

  private final PerfWatchService service = new PerfWatchService(ServiceConfig.onPort(0)
      .withMonitoring(MonitoringSettings.defaults().withAdminToken(TOKEN)));

  @BeforeEach
  void start() {
    service.start();
  }

  @AfterEach
  void stop() {
    service.stop();
  }

  @Test
  void theRightTokenIsServedWhileItsClientIsThrottled() {
    for (int i = 0; i < FailureThrottle.PER_CLIENT; i++) {
      assertThat(get("127.0.0.1", "Bearer wrong-" + i, "").status()).isEqualTo(401);
    }

    Answer limited = get("127.0.0.1", "Bearer wrong-again", "");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).matches("[1-9][0-9]?");
    assertThat(limited.body()).startsWith("{\"error\":{\"code\":\"too_many_attempts\",\"message\":\"too many failed "
        + "authentication attempts; retry after ");
    assertThat(get("127.0.0.1", "Bearer " + TOKEN, "").status()).isEqualTo(200);
    assertThat(get("127.0.0.2", "Bearer wrong", "").status()).as("another client").isEqualTo(401);
  }

  @Test
  void aForwardedForHeaderDoesNotMakeANewClient() {
    for (int i = 0; i < FailureThrottle.PER_CLIENT; i++) {
      String forwarded = "X-Forwarded-For: 203.0.113." + i + "\r\nForwarded: for=198.51.100." + i + "\r\n";
      assertThat(get("127.0.0.3", "Bearer wrong-" + i, forwarded).status()).isEqualTo(401);
    }

    assertThat(get("127.0.0.3", "Bearer wrong", "X-Forwarded-For: 203.0.113.99\r\n").status()).isEqualTo(429);
    assertThat(get("127.0.0.3", "Bearer " + TOKEN, "X-Forwarded-For: 203.0.113.99\r\n").status()).isEqualTo(200);
  }

  @Test
  void manyClientsTogetherReachTheGlobalLimitButNotTheRightToken() {
    int clients = FailureThrottle.GLOBAL / (FailureThrottle.PER_CLIENT - 1);
    for (int c = 0; c < clients; c++) {
      for (int i = 0; i < FailureThrottle.PER_CLIENT - 1; i++) { // each client stays under its own limit
        assertThat(get("127.0.1." + (c + 1), "Bearer wrong", "").status()).isEqualTo(401);
      }
    }
    assertThat(get("127.0.2.1", "Bearer wrong", "").status()).as("failure %d", clients * 9 + 1).isEqualTo(401);

    assertThat(get("127.0.2.2", "Bearer wrong", "").status()).as("a fresh client past the global limit")
        .isEqualTo(429);
    assertThat(get("127.0.2.3", "", "").status()).as("no token at all").isEqualTo(429);
    assertThat(get("127.0.2.4", "Bearer " + TOKEN, "").status()).isEqualTo(200);
  }

  private record Answer(int status, String text) {
    String body() {
      return text.substring(text.indexOf("\r\n\r\n") + 4);
    }

    String header(String name) {
      return text.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
          .map(l -> l.substring(name.length() + 1).trim()).findFirst().orElse("");
    }
  }

  /** A GET from the loopback address {@code from}, with Authorization {@code auth} (none when empty). */
  private Answer get(String from, String auth, String extraHeaders) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", service.baseUri().getPort()), 5_000);
      socket.setSoTimeout(10_000);
      String head = "GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n"
          + (auth.isEmpty() ? "" : "Authorization: " + auth + "\r\n") + extraHeaders + "Connection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Answer(Integer.parseInt(text.substring(9, 12)), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
