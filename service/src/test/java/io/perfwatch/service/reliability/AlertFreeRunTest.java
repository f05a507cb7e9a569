package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No false alerts: a healthy service under steady HTTP traffic with normal GC churn ({@link HeapWorkloadService}),
 * and a fresh idle one, each in a JVM of its own with the shipped rules (plus the memory-leak rule with a window the
 * run covers), raise nothing in 10 minutes: no alert in any state, neither in the log sink's lines (every
 * transition, pending included) nor in the alerts API. The two run side by side to keep the tier's time. 10 minutes
 * in CI; shorter by hand with {@code -Dperfwatch.healthy.seconds=300} (see the README's test tiers).
 */
@Tag("reliability")
class AlertFreeRunTest {
  private static final Duration RUN = Duration.ofSeconds(Long.getLong("perfwatch.healthy.seconds", 600));
  /** What the test's own reading of the host must reach for a high-cpu alert to be justified (rule: 80 %). */
  private static final double BUSY_HOST_CPU = 0.75;
  private static final List<String> HEALTHY_PATHS = List.of("/api/transactions?limit=5", "/api/transactions/1",
      "/api/transactions/2", "/api/transactions?user_id=1&limit=3", "/api/reports/monthly", "/demo/sleep?ms=20");

  @TempDir
  Path dir;

  @Test
  void healthyAndIdleServicesRaiseNoAlert() throws Exception {
    // the leak rule's window is the run less 30 s: below about 4 minutes its first half is the JVM's warm-up (the
    // old generation filling to its working set), which no rule of a real app looks at with so short a window
    assertThat(RUN).as("perfwatch.healthy.seconds").isGreaterThanOrEqualTo(Duration.ofMinutes(5));
    Path rules = AlertWatch.rulesWithShortLeakWindow(dir, RUN.minusSeconds(30));
    Map<String, String> env = Map.of("PERFORMANCE_HTTP_PORT", "0", "PERFORMANCE_ADMIN_TOKEN", AlertWatch.TOKEN,
        "PERFORMANCE_RULES_FILE", rules.toString());
    ServiceProcess healthy = new ServiceProcess(HeapWorkloadService.class, env, dir, HeapWorkloadService.READY);
    ServiceProcess idle;
    try {
      idle = new ServiceProcess(io.perfwatch.service.Main.class, env, dir);
    } catch (RuntimeException | AssertionError e) {
      healthy.close();
      throw e;
    }
    HostCpu cpu = new HostCpu();
    long requests = 0;
    List<com.fasterxml.jackson.databind.JsonNode> healthyAlerts;
    List<com.fasterxml.jackson.databind.JsonNode> idleAlerts;
    try {
      requests = traffic(healthy.baseUri(), cpu);
      healthyAlerts = AlertWatch.alerts(healthy.baseUri());
      idleAlerts = AlertWatch.alerts(idle.baseUri());
    } finally {
      healthy.close();
      idle.close();
    }
    System.out.printf("Alert-free run %d s: %d healthy requests; host CPU busiest minute %.0f %%; healthy %s; idle "
        + "%s%n", RUN.toSeconds(), requests, cpu.busiestMinute() * 100, AlertWatch.alertLines(healthy.output()),
        AlertWatch.alertLines(idle.output()));
    assertThat(requests).isGreaterThan(RUN.toSeconds() * 5);
    assertThat(unjustified(AlertWatch.alertLines(healthy.output()), l -> l.contains(" rule=high-cpu "), cpu))
        .as("alert transitions of the healthy service").isEmpty();
    assertThat(unjustified(healthyAlerts, a -> a.path("rule").asText().equals("high-cpu"), cpu))
        .as("alerts of the healthy service").isEmpty();
    assertThat(unjustified(AlertWatch.alertLines(idle.output()), l -> l.contains(" rule=high-cpu "), cpu))
        .as("alert transitions of the idle service").isEmpty();
    assertThat(unjustified(idleAlerts, a -> a.path("rule").asText().equals("high-cpu"), cpu))
        .as("alerts of the idle service").isEmpty();
  }

  /** Both services read the same host: its CPU alerts are true when the test saw the host that busy too. */
  private static <T> List<T> unjustified(List<T> alerts, java.util.function.Predicate<T> hostCpu, HostCpu cpu) {
    return alerts.stream().filter(a -> !(hostCpu.test(a) && cpu.busiestMinute() >= BUSY_HOST_CPU)).toList();
  }

  /** Sequential requests to the healthy routes for the whole run (about 20 a second); returns how many. */
  private static long traffic(URI base, HostCpu cpu) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long end = System.nanoTime() + RUN.toNanos();
    long sent = 0;
    while (System.nanoTime() < end) {
      for (String path : HEALTHY_PATHS) {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        sent++;
      }
      cpu.sample();
      Thread.sleep(250);
    }
    return sent;
  }

  /** The host's CPU as this JVM reads it: the busiest minute justifies a high-cpu alert on a shared machine. */
  private static final class HostCpu {
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final java.util.ArrayDeque<double[]> minute = new java.util.ArrayDeque<>();
    private double busiest;
    private long lastNanos;

    void sample() {
      long now = System.nanoTime();
      if (now - lastNanos < 1_000_000_000L) {
        return;
      }
      lastNanos = now;
      double load = os.getCpuLoad();
      if (load < 0) {
        return;
      }
      minute.addLast(new double[] {now, load});
      while (now - minute.peekFirst()[0] > 60e9) {
        minute.removeFirst();
      }
      if (now - minute.peekFirst()[0] >= 50e9) {
        busiest = Math.max(busiest, minute.stream().mapToDouble(s -> s[1]).average().orElse(0));
      }
    }

    double busiestMinute() {
      return busiest;
    }
  }
}
