package io.perfwatch.rules.source;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Instant queries against the Prometheus HTTP API ({@code GET /api/v1/query}), asynchronous and bounded: at most
 * {@value #IN_FLIGHT} in flight, the others wait their turn (Prometheus evaluates each query on one core: more at once
 * compete for its cores and cost it more CPU in all, and a monitor should not crowd a Prometheus others query too),
 * and each query's timeout starts when it is sent.
 */
final class PrometheusApi {
  static final int IN_FLIGHT = 2;
  private static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

  private final URI base;
  private final Duration timeout;
  private final HttpClient client;
  private final AtomicLong queries = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final Object lock = new Object();
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;

  PrometheusApi(URI base, Duration timeout) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  URI base() {
    return base;
  }

  /** Queries answered or failed since start. */
  long queries() {
    return queries.get();
  }

  /** Response bytes read since start. */
  long bytesRead() {
    return bytes.get();
  }

  /**
   * The vector {@code promql} evaluates to at {@code timeMillis}; fails with {@link PrometheusQueryException}.
   * Cancelling the answer before its turn means it is never sent.
   */
  CompletableFuture<List<VectorSample>> query(String promql, long timeMillis) {
    CompletableFuture<List<VectorSample>> result = new CompletableFuture<>();
    Runnable send = () -> {
      if (result.isDone()) {
        next();
        return;
      }
      CompletableFuture<List<VectorSample>> sent;
      try {
        sent = send(promql, timeMillis);
      } catch (RuntimeException e) {
        sent = CompletableFuture.failedFuture(e);
      }
      sent.whenComplete((samples, failure) -> {
        if (failure != null) { // failed first, so that its round cancels what waits before the next is sent
          result.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null
              ? c.getCause() : failure);
          next();
        } else { // the next sent first: completing may run the round's assembly on this thread
          next();
          result.complete(samples);
        }
      });
    };
    synchronized (lock) {
      if (inFlight >= IN_FLIGHT) {
        waiting.add(send);
        return result;
      }
      inFlight++;
    }
    send.run();
    return result;
  }

  /**
   * Every answer by its key once all are in; the first failure cancels the queries still waiting their turn (a
   * Prometheus that hangs costs one timeout per round, not one per query) and is the round's failure.
   */
  static <K> CompletableFuture<Map<K, List<VectorSample>>> all(Map<K, CompletableFuture<List<VectorSample>>> pending) {
    if (pending.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    CompletableFuture<Map<K, List<VectorSample>>> all = new CompletableFuture<>();
    AtomicInteger left = new AtomicInteger(pending.size());
    pending.values().forEach(answer -> answer.whenComplete((samples, failure) -> {
      if (failure != null) {
        if (!(failure instanceof CancellationException)) { // by every failing thread before it sends the next query
          pending.values().forEach(other -> other.cancel(false));
          all.completeExceptionally(failure);
        }
      } else if (left.decrementAndGet() == 0) {
        Map<K, List<VectorSample>> answers = new HashMap<>();
        pending.forEach((key, done) -> answers.put(key, done.join()));
        all.complete(answers);
      }
    }));
    return all;
  }

  /** The answer, waiting for it; its failure as thrown (a {@link PrometheusQueryException} mostly), not wrapped. */
  static <T> T join(CompletableFuture<T> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** A query finished: the next waiting one is sent, or one slot frees. */
  private void next() {
    Runnable send;
    synchronized (lock) {
      send = waiting.poll();
      if (send == null) {
        inFlight--;
        return;
      }
    }
    send.run();
  }

  private CompletableFuture<List<VectorSample>> send(String promql, long timeMillis) {
    URI uri = base.resolve("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
        + "&time=" + timeMillis / 1000 + "." + String.format("%03d", Math.floorMod(timeMillis, 1000)));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").build();
    return client.sendAsync(request, BoundedBody.handler(MAX_BODY_BYTES))
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((response, failure) -> {
          queries.incrementAndGet();
          if (failure != null) {
            throw failure(promql, ScrapeTarget.message(failure, timeout));
          }
          bytes.addAndGet(response.body().length);
          return parse(promql, response.statusCode(), response.body());
        });
  }

  private List<VectorSample> parse(String promql, int status, byte[] body) {
    try {
      return VectorJson.parse(status, body);
    } catch (VectorJson.Invalid e) {
      throw failure(promql, e.getMessage());
    }
  }

  private PrometheusQueryException failure(String promql, String reason) {
    return new PrometheusQueryException("Prometheus at " + base + " failed query '" + promql + "': " + reason,
        reason);
  }
}
