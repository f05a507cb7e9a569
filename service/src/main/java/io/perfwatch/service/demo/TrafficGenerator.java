package io.perfwatch.service.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the demo routes over loopback HTTP so dashboards fill without another tool: a few requests a second, one at
 * a time, on one daemon thread. The mix has fast reads, writes, the N+1 summary, the heavy report, 404s, 400s and
 * injected 5xx and slow responses.
 */
public final class TrafficGenerator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final URI base;
  private final Duration interval;
  private final Random random;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "perfwatch-demo-traffic");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /** @param base the demo's root, e.g. {@code http://127.0.0.1:8080} */
  public TrafficGenerator(URI base) {
    this(base, DEFAULT_INTERVAL, 42);
  }

  TrafficGenerator(URI base, Duration interval, long seed) {
    this.base = base;
    this.interval = interval;
    this.random = new Random(seed);
  }

  public TrafficGenerator start() {
    executor.scheduleWithFixedDelay(this::sendOne, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("demo traffic: one request every {} ms to {}", interval.toMillis(), base);
    return this;
  }

  /** Requests answered (any status). */
  public long requestsSent() {
    return sent.get();
  }

  /** Requests that got no answer (connection refused, timeout). */
  public long requestsFailed() {
    return failed.get();
  }

  public boolean isStopped() {
    return executor.isTerminated();
  }

  /** Lets the request in flight finish (bounded), then stops. */
  public void stop() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void sendOne() {
    HttpRequest request = next();
    try {
      client.send(request, HttpResponse.BodyHandlers.discarding());
      sent.incrementAndGet();
    } catch (IOException e) {
      failed.incrementAndGet();
      LOG.debug("demo traffic: {} failed: {}", request.uri(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One request of the mix; weights are percentages. */
  HttpRequest next() {
    int roll = random.nextInt(100);
    long user = 1 + random.nextInt(DemoData.USERS);
    if (roll < 35) {
      return get("/api/transactions?user_id=" + user + "&limit=20");
    } else if (roll < 55) {
      return get("/api/transactions/" + (1 + random.nextInt(DemoData.TRANSACTIONS)));
    } else if (roll < 60) {
      return get("/api/transactions/" + (900_000 + random.nextInt(1000))); // 404
    } else if (roll < 70) {
      return get("/api/users/" + user + "/summary"); // the N+1
    } else if (roll < 75) {
      return get("/api/reports/monthly");
    } else if (roll < 85) {
      return post(user);
    } else if (roll < 90) {
      return get("/demo/sleep?ms=" + (50 + random.nextInt(300)));
    } else if (roll < 95) {
      return get("/demo/status/500");
    } else if (roll < 98) {
      return get("/demo/status/503");
    }
    return get("/api/transactions?limit=0"); // 400
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build();
  }

  private HttpRequest post(long user) {
    int category = 1 + random.nextInt(DemoData.CATEGORIES.size());
    String amount = String.format(Locale.ROOT, "%d.%02d", 1 + random.nextInt(200), random.nextInt(100));
    String body = "{\"user_id\": " + user + ", \"category_id\": " + category + ", \"amount\": " + amount
        + ", \"currency\": \"USD\", \"description\": \"Generated - " + DemoData.CATEGORIES.get(category - 1) + "\"}";
    return HttpRequest.newBuilder(base.resolve("/api/transactions")).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
