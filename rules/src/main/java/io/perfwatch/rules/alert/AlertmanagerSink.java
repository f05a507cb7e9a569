package io.perfwatch.rules.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfwatch.rules.alert.PushPlan.Push;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes alerts to an Alertmanager ({@value #URL_ENV}) with Prometheus's mechanics (see {@link PushPlan}: firing
 * alerts only, one Alertmanager alert per severity, {@code endsAt} always set, re-sent every resend delay) without
 * ever blocking evaluation: the evaluating thread only updates the plan; one sender thread posts what is due,
 * retrying with doubling backoff and giving up after {@link AlertmanagerSettings#maxAttempts()} (a firing alert is
 * sent again at its next resend). At most {@link AlertmanagerSettings#maxResolved()} ended alerts wait, the oldest
 * dropped first. Drops and give-ups count in {@code perfwatch.alertmanager.failures{reason}}.
 */
public final class AlertmanagerSink implements AlertSink, AutoCloseable {
  public static final String URL_ENV = "PERFORMANCE_ALERTMANAGER_URL";
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSink.class);

  private final URI endpoint;
  private final Function<Alert, URI> generatorUrl;
  private final AlertmanagerSettings settings;
  private final Clock clock = Clock.systemUTC(); // times resends; lock.wait() sleeps in real time anyway
  private final HttpClient client;
  private final Counter dropped;
  private final Counter gaveUp;
  private final Object lock = new Object();
  private final PushPlan plan; // guarded by lock
  private volatile boolean closed;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread sender;

  /**
   * @param baseUrl the Alertmanager, e.g. {@code http://alertmanager:9093}
   * @param generatorUrl where an alert links back to: the alert in perfwatch's API, an absolute URL
   */
  public AlertmanagerSink(URI baseUrl, Function<Alert, URI> generatorUrl, AlertmanagerSettings settings,
      MeterRegistry registry) {
    this.endpoint = baseUrl.resolve("/api/v2/alerts");
    this.generatorUrl = generatorUrl;
    this.settings = settings;
    this.plan = new PushPlan(settings.resendDelay(), settings.maxResolved());
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout()).build();
    this.dropped = failures(registry, "dropped");
    this.gaveUp = failures(registry, "gave_up");
    this.sender = new Thread(this::run, "perfwatch-alertmanager");
    this.sender.setDaemon(true);
    this.sender.start();
  }

  /** A sink for {@value #URL_ENV} with the default settings, or empty when it is not set. */
  public static Optional<AlertmanagerSink> fromEnv(Map<String, String> env, Function<Alert, URI> generatorUrl,
      MeterRegistry registry) {
    return AlertmanagerSettings.url(env.get(URL_ENV))
        .map(url -> new AlertmanagerSink(url, generatorUrl, AlertmanagerSettings.defaults(), registry));
  }

  @Override
  public void transition(Alert alert) {
    if (alert.state() != AlertState.RESOLVED) {
      return; // firing alerts and severity changes arrive with the cycle, which dates them
    }
    synchronized (lock) {
      dropped.increment(plan.resolved(alert));
      lock.notifyAll();
    }
  }

  @Override
  public void cycle(Cycle cycle) {
    synchronized (lock) {
      dropped.increment(plan.cycle(cycle));
      lock.notifyAll();
    }
  }

  /** Stops the sender (after its current attempt, within the flush deadline) and sends what is due once. */
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
    List<Push> batch;
    synchronized (lock) {
      batch = plan.due(clock.instant());
    }
    if (!batch.isEmpty() && !send(batch, settings.flushDeadline())) {
      gaveUp.increment();
    }
  }

  @Override
  public void close() {
    flush();
  }

  int queuedEnded() {
    synchronized (lock) {
      return plan.queuedEnded();
    }
  }

  private void run() {
    while (!closed) {
      List<Push> batch;
      synchronized (lock) {
        batch = plan.due(clock.instant());
        while (batch.isEmpty() && !closed) {
          try {
            lock.wait(waitMillis(plan.nextDue()));
          } catch (InterruptedException e) {
            return;
          }
          batch = plan.due(clock.instant());
        }
      }
      deliver(batch);
    }
  }

  /** How long the sender may sleep: until the next resend, or until notified (0) when nothing fires. */
  private long waitMillis(Optional<Instant> next) {
    if (next.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    return next.get().isAfter(now) ? Math.max(1, Duration.between(now, next.get()).toMillis()) : 1;
  }

  private void deliver(List<Push> batch) {
    if (batch.isEmpty()) {
      return;
    }
    long backoff = settings.initialBackoff().toMillis();
    for (int attempt = 1; !send(batch, settings.requestTimeout()); attempt++) {
      if (closed) {
        synchronized (lock) {
          dropped.increment(plan.requeue(batch)); // flush() tries once more
        }
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

  private boolean send(List<Push> batch, Duration timeout) {
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
