package io.perfwatch.bench;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.alert.HistoryLimits;
import io.perfwatch.rules.engine.RuleEngine;
import io.perfwatch.rules.source.PrometheusQuerySource;
import io.perfwatch.rules.yaml.RuleFileParser;
import io.perfwatch.rules.yaml.RuleSet;
import io.perfwatch.testkit.PrometheusServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The shipped rules evaluated through the Prometheus source over a real Prometheus (Debian's) that scrapes a
 * generator of {@code instances} × 50 routes (Micrometer-shaped HTTP histograms) every 2 s. Instance i answers 500 on
 * route i % 10, so each of routes 0-9 fails on a tenth of the instances and the per-service error-rate rule (5 %)
 * fires for exactly those {@value #FAILING_ROUTES} routes at any fleet size of 10 or more; nothing else fires. It
 * prints time (median and slowest of 10 cycles, {@code -Dcycles=N} for fewer), Prometheus's CPU time, queries and
 * response bytes per evaluation cycle (every rule once) after {@value #DATA_SECONDS} s of data. Prometheus's CPU time
 * is its {@code process_cpu_seconds_total} over the cycles less its rate over {@value #IDLE_MILLIS} ms without
 * queries just before (scraping): unlike the wall time, other processes on the machine barely change it. Run for 10
 * and for 100 instances: the queries per cycle must not grow.
 *
 * <pre>java -Dcycles=3 -cp bench/target/benchmarks.jar io.perfwatch.bench.FleetScale 10 100</pre>
 */
public final class FleetScale {
  private static final int ROUTES = 50;
  /** Instance i fails route i % 10: each of those routes fails on a tenth of the instances at any fleet size. */
  private static final int FAILING_ROUTES = 10;
  private static final int DATA_SECONDS = 70;
  private static final int CYCLES = Integer.getInteger("cycles", 10);
  private static final long IDLE_MILLIS = 10_000;
  private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};

  private FleetScale() {}

  public static void main(String[] args) throws Exception {
    for (String arg : args.length == 0 ? new String[] {"10", "100"} : args) {
      run(Integer.parseInt(arg));
    }
  }

  private static void run(int instances) throws Exception {
    long start = System.currentTimeMillis();
    HttpServer generator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    generator.createContext("/metrics", exchange -> {
      String query = exchange.getRequestURI().getQuery();
      int instance = Integer.parseInt(query.substring(query.indexOf('=') + 1));
      byte[] body = exposition(instance, (System.currentTimeMillis() - start) / 1000.0)
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    generator.start();
    Path dir = Files.createTempDirectory("fleet-scale");
    StringBuilder config = new StringBuilder("global:\n  scrape_interval: 2s\nscrape_configs:\n  - job_name: orders\n"
        + "    static_configs:\n");
    for (int i = 0; i < instances; i++) {
      config.append("      - targets: ['127.0.0.1:").append(generator.getAddress().getPort())
          .append("']\n        labels: {instance: 'replica-").append(i).append("', __param_i: '").append(i)
          .append("'}\n");
    }
    try (PrometheusServer prometheus = new PrometheusServer(dir, config.toString())) {
      awaitTargets(prometheus.uri(), instances);
      Thread.sleep(DATA_SECONDS * 1000L);
      RuleSet rules = RuleFileParser.builtIn();
      PrometheusQuerySource source = new PrometheusQuerySource(prometheus.uri(), Duration.ofSeconds(30),
          System::currentTimeMillis);
      RuleEngine engine = new RuleEngine(source, new AlertTracker(Clock.systemUTC(), HistoryLimits.defaults(),
          List.of()), new SimpleMeterRegistry());
      engine.evaluate(rules); // warm-up: connections, JIT
      HttpClient client = HttpClient.newHttpClient();
      double idleStart = cpuSeconds(client, prometheus.uri());
      Thread.sleep(IDLE_MILLIS); // Prometheus's own CPU without queries: scraping, compaction
      double idlePerMilli = (cpuSeconds(client, prometheus.uri()) - idleStart) / IDLE_MILLIS;
      double[] millis = new double[CYCLES];
      long queries = source.queries();
      long bytes = source.bytesRead();
      double cpu = cpuSeconds(client, prometheus.uri());
      long began = System.nanoTime();
      int alerts = 0;
      for (int i = 0; i < CYCLES; i++) {
        long t0 = System.nanoTime();
        alerts = engine.evaluate(rules).size();
        millis[i] = (System.nanoTime() - t0) / 1e6;
      }
      double elapsed = (System.nanoTime() - began) / 1e6;
      double queryCpu = (cpuSeconds(client, prometheus.uri()) - cpu) - idlePerMilli * elapsed;
      Arrays.sort(millis);
      System.out.printf("fleet-scale instances=%d routes=%d rules=%d cycle_ms_median=%.0f cycle_ms_max=%.0f "
              + "prometheus_cpu_ms_per_cycle=%.0f queries_per_cycle=%d kib_per_cycle=%.0f alerts=%d errors=%s%n",
          instances, ROUTES, rules.rules().size(), millis[CYCLES / 2], millis[CYCLES - 1],
          queryCpu * 1000 / CYCLES, (source.queries() - queries) / CYCLES,
          (source.bytesRead() - bytes) / 1024.0 / CYCLES, alerts, engine.lastErrors().keySet());
    } finally {
      generator.stop(0);
    }
  }

  /** One instance's exposition {@code seconds} after the start: counters grow at a steady rate per route. */
  private static String exposition(int instance, double seconds) {
    StringBuilder out = new StringBuilder(ROUTES * 1200);
    out.append("# TYPE http_server_requests_seconds histogram\n");
    for (int r = 0; r < ROUTES; r++) {
      boolean failing = r == instance % FAILING_ROUTES;
      String labels = "exception=\"None\",method=\"GET\",outcome=\"" + (failing ? "SERVER_ERROR" : "SUCCESS")
          + "\",status=\"" + (failing ? "500" : "200") + "\",uri=\"/api/r" + r + "/:id\"";
      long count = (long) (seconds * (1 + r % 5));
      double typical = 0.002 * (1 + r % 10);
      long cumulative = 0;
      for (double bound : BOUNDS) {
        cumulative = bound >= typical ? count : 0;
        out.append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"").append(bound)
            .append("\"} ").append(cumulative).append('\n');
      }
      out.append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count)
          .append('\n');
      out.append("http_server_requests_seconds_count{").append(labels).append("} ").append(count).append('\n');
      out.append("http_server_requests_seconds_sum{").append(labels).append("} ").append(count * typical)
          .append('\n');
    }
    out.append("# TYPE http_server_requests_seconds_max gauge\n");
    for (int r = 0; r < ROUTES; r++) {
      out.append("http_server_requests_seconds_max{method=\"GET\",uri=\"/api/r").append(r).append("/:id\"} ")
          .append(0.002 * (1 + r % 10)).append('\n');
    }
    out.append("# TYPE system_cpu_usage gauge\nsystem_cpu_usage 0.2\n");
    return out.toString();
  }

  /** Prometheus's own CPU time so far ({@code process_cpu_seconds_total} on its {@code /metrics}). */
  private static double cpuSeconds(HttpClient client, URI prometheus) throws IOException, InterruptedException {
    String body = client.send(HttpRequest.newBuilder(prometheus.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith("process_cpu_seconds_total ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).strip()))
        .orElseThrow(() -> new IllegalStateException("Prometheus exports no process_cpu_seconds_total"));
  }

  private static void awaitTargets(URI prometheus, int instances) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    URI query = prometheus.resolve("/api/v1/query?query=" + URLEncoder.encode("count(up == 1)",
        StandardCharsets.UTF_8));
    for (int i = 0; i < 120; i++) {
      String body = client.send(HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString()).body();
      if (body.contains("\"" + instances + "\"]")) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("Prometheus did not scrape all " + instances + " instances within 2 minutes");
  }
}
