package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.MetricsStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One {@code /metrics} URL: its scrapes, increments, stores (its own first, then its job's and the fleet's) and
 * health. Scrapes of one target never overlap.
 */
final class ScrapeTarget {
  private static final String ACCEPT = "text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5,*/*;q=0.1";

  private final URI uri;
  private final Identity identity;
  private final MetricsStore store;
  private final List<MetricsStore> stores;
  private final LongSupplier clock;
  private final ScrapeMapper mapper;
  private final PrometheusTextParser parser;
  private final DeltaTracker deltas = new DeltaTracker();
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private boolean up;
  private long lastSuccessMillis = -1;
  private @Nullable String lastError;
  private int consecutiveFailures;
  private double durationSeconds = Double.NaN;
  private long series;

  /** {@code stores}: the target's own first, then those it is merged into (its job's, the fleet's). */
  ScrapeTarget(ScrapeTargets.Target target, List<MetricsStore> stores, LongSupplier clock, ScrapeMapper mapper,
      PrometheusTextParser parser) {
    this.uri = target.uri();
    this.identity = target.identity();
    this.store = stores.get(0);
    this.stores = List.copyOf(stores);
    this.clock = clock;
    this.mapper = mapper;
    this.parser = parser;
  }

  /** Scrapes once unless a scrape is still running; completes normally either way (failures go to health). */
  CompletableFuture<Void> scrape(HttpClient client, Duration timeout, long maxBytes) {
    if (!inFlight.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", ACCEPT).GET().build();
    long started = System.nanoTime();
    return client.sendAsync(request, BoundedBody.handler(maxBytes))
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS) // the body has a deadline too
        .handle((response, failure) -> {
          synchronized (this) {
            durationSeconds = (System.nanoTime() - started) / 1e9;
          }
          try {
            if (failure != null) {
              failed(message(failure, timeout));
            } else if (response.statusCode() != 200) {
              failed("HTTP " + response.statusCode());
            } else {
              String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
              if (type.startsWith("text/html")) {
                failed("Content-Type '" + type.split(";")[0] + "' is not a metrics exposition (a login page?)");
              } else {
                succeeded(utf8(response.body()), type.startsWith("application/openmetrics-text"));
              }
            }
          } catch (RuntimeException e) { // garbage: a format error, or numbers the store refuses
            failed(e instanceof PrometheusFormatException
                ? "invalid exposition: " + e.getMessage() : message(e, timeout));
          } finally {
            inFlight.set(false);
          }
          return null;
        });
  }

  /** Invalid UTF-8 fails the scrape, as in Prometheus, rather than becoming replacement characters in labels. */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new PrometheusFormatException(0, "the body is not valid UTF-8");
    }
  }

  private void succeeded(String body, boolean openMetrics) {
    List<MetricFamily> scrape = parser.parse(body, openMetrics);
    synchronized (this) {
      long now = clock.getAsLong();
      Optional<Map<SeriesKey, Double>> increments = deltas.next(scrape);
      double minutes = lastSuccessMillis < 0 ? Double.NaN : (now - lastSuccessMillis) / 60_000.0;
      mapper.record(increments.orElse(Map.of()), new Gauges(scrape), now, minutes, increments.isPresent()
          ? stores : List.of());
      up = true;
      lastSuccessMillis = now;
      consecutiveFailures = 0;
      series = scrape.stream().mapToLong(f -> f.samples().size()).sum();
    }
  }

  private synchronized void failed(String message) {
    up = false;
    lastError = message.length() <= 200 ? message : message.substring(0, 197) + "...";
    consecutiveFailures++;
  }

  synchronized TargetHealth health() {
    return new TargetHealth(identity.job(), identity.instance(), shown(uri), up,
        lastSuccessMillis < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastSuccessMillis)),
        Optional.ofNullable(lastError), consecutiveFailures, durationSeconds, series);
  }

  /** The URL without user info or query, which may hold credentials. */
  static String shown(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  Identity identity() {
    return identity;
  }

  synchronized long lastSuccessMillis() {
    return lastSuccessMillis;
  }

  URI uri() {
    return uri;
  }

  MetricsStore store() {
    return store;
  }

  static String message(Throwable failure, Duration timeout) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return "no response within " + timeout.toMillis() + " ms";
    }
    if (cause instanceof ScrapeException) {
      return cause.getMessage();
    }
    String text = cause.getMessage();
    return cause.getClass().getSimpleName() + (text == null || text.isBlank() ? "" : ": " + text);
  }
}
