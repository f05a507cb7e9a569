package io.perfwatch.rules.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes alerts to an Alertmanager ({@code PERFORMANCE_ALERTMANAGER_URL}) without ever blocking evaluation: the
 * evaluating thread only swaps in the latest firing alerts and queues resolved ones (at most
 * {@link AlertmanagerSettings#maxResolved()}, oldest dropped first); one sender thread posts them, retrying with
 * doubling backoff and giving up after {@link AlertmanagerSettings#maxAttempts()}. Firing alerts need no queue:
 * every cycle re-sends all of them. Drops and give-ups count in
 * {@code perfwatch.alertmanager.failures{reason}}.
 */
public final class AlertmanagerSink implements AlertSink, AutoCloseable {
  public static final String URL_ENV = "PERFORMANCE_ALERTMANAGER_URL";
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSink.class);

  private final URI endpoint;
  private final @Nullable String generatorUrl;
  private final AlertmanagerSettings settings;
  private final HttpClient client;
  private final Counter dropped;
  private final Counter gaveUp;
  private final Object lock = new Object();
  private List<Alert> firing = List.of();
  private final Deque<Alert> resolved = new ArrayDeque<>();
  private boolean dirty;
  private volatile boolean closed;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread sender;

  /**
   * @param baseUrl the Alertmanager, e.g. {@code http://alertmanager:9093}
   * @param generatorUrl where an alert links back to (our alerts API), or null
   */
  public AlertmanagerSink(URI baseUrl, @Nullable String generatorUrl, AlertmanagerSettings settings,
      MeterRegistry registry) {
    this.endpoint = baseUrl.resolve("/api/v2/alerts");
    this.generatorUrl = generatorUrl;
    this.settings = settings;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout()).build();
    this.dropped = failures(registry, "dropped");
    this.gaveUp = failures(registry, "gave_up");
    this.sender = new Thread(this::run, "perfwatch-alertmanager");
    this.sender.setDaemon(true);
    this.sender.start();
  }

  /** A sink for {@value #URL_ENV} with the default settings, or empty when it is not set. */
  public static Optional<AlertmanagerSink> fromEnv(Map<String, String> env, @Nullable String generatorUrl,
      MeterRegistry registry) {
    return AlertmanagerSettings.url(env.get(URL_ENV))
        .map(url -> new AlertmanagerSink(url, generatorUrl, AlertmanagerSettings.defaults(), registry));
  }

  @Override
  public void transition(Alert alert) {
    if (alert.state() != AlertState.RESOLVED) {
      return;
    }
    synchronized (lock) {
      if (resolved.size() >= settings.maxResolved()) {
        resolved.removeFirst();
        dropped.increment();
      }
      resolved.addLast(alert);
      dirty = true;
      lock.notifyAll();
    }
  }

  @Override
  public void cycle(List<Alert> active) {
    List<Alert> nowFiring = active.stream().filter(a -> a.state() == AlertState.FIRING).toList();
    synchronized (lock) {
      firing = nowFiring;
      dirty = true;
      lock.notifyAll();
    }
  }

  /** Stops the sender (after its current attempt, within the flush deadline) and sends what is queued once. */
  @Override
  public void flush() {
    closed = true;
    closing.countDown();
    synchronized (lock) {
      lock.notifyAll();
    }
    try {
      sender.join(settings.flushDeadline().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Alert> batch = takeBatch();
    if (!batch.isEmpty() && !send(batch, settings.flushDeadline())) {
      gaveUp.increment();
    }
  }

  @Override
  public void close() {
    flush();
  }

  int queuedResolved() {
    synchronized (lock) {
      return resolved.size();
    }
  }

  private void run() {
    while (!closed) {
      synchronized (lock) {
        while (!dirty && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      if (!closed) {
        deliver(takeBatch());
      }
    }
  }

  private List<Alert> takeBatch() {
    synchronized (lock) {
      dirty = false;
      List<Alert> batch = new ArrayList<>(firing);
      batch.addAll(resolved);
      resolved.clear();
      return batch;
    }
  }

  private void deliver(List<Alert> batch) {
    if (batch.isEmpty()) {
      return;
    }
    long backoff = settings.initialBackoff().toMillis();
    for (int attempt = 1; !send(batch, settings.requestTimeout()); attempt++) {
      if (closed) {
        requeueResolved(batch);
        return;
      }
      if (attempt >= settings.maxAttempts()) {
        gaveUp.increment();
        LOG.warn("giving up on {} alerts for {} after {} attempts", batch.size(), endpoint, attempt);
        return;
      }
      try {
        closing.await(backoff, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
    }
  }

  /** A batch cut short by shutdown goes back, so flush() can try its resolved alerts once more. */
  private void requeueResolved(List<Alert> batch) {
    synchronized (lock) {
      batch.stream().filter(a -> a.state() == AlertState.RESOLVED).forEach(resolved::addFirst);
      while (resolved.size() > settings.maxResolved()) {
        resolved.removeFirst();
        dropped.increment();
      }
    }
  }

  private boolean send(List<Alert> batch, Duration timeout) {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(AlertmanagerPayload.json(batch, generatorUrl))).build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return true;
      }
      LOG.warn("Alertmanager {} answered {}: {}", endpoint, response.statusCode(), response.body());
    } catch (IOException e) {
      LOG.warn("Alertmanager {} unreachable: {}", endpoint, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private static Counter failures(MeterRegistry registry, String reason) {
    return Counter.builder("perfwatch.alertmanager.failures")
        .description("Alerts not delivered to Alertmanager: resolved alerts dropped from the full queue, or batches "
            + "given up after the last retry")
        .tag("reason", reason)
        .register(registry);
  }
}
