package io.perfwatch.service.reliability;

import org.awaitility.Awaitility;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * Client threads sending GETs over real HTTP as fast as answers come, tallying every answer by status and by the
 * phase it belongs to: a phase only when the phase was the same when the request was sent and when its answer
 * arrived (so the fault, or its absence, lasted the whole request), otherwise {@link #TRANSITION}. Every 5xx body
 * is checked against {@code serverErrorBody}; transport failures and mismatches are collected as problems.
 */
final class PhasedTraffic implements AutoCloseable {
  static final String TRANSITION = "transition";

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService pool;
  private final List<Future<?>> senders = new ArrayList<>();
  private final Map<String, Map<Integer, LongAdder>> tallies = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Pattern serverErrorBody;
  private volatile String phase;
  private volatile boolean running = true;

  /** Starts {@code threads} senders; request {@code n} goes to {@code path.apply(n)}. */
  PhasedTraffic(URI base, int threads, String firstPhase, LongFunction<String> path, Pattern serverErrorBody) {
    this.phase = firstPhase;
    this.serverErrorBody = serverErrorBody;
    this.pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      senders.add(pool.submit(() -> {
        while (running) {
          send(base.resolve(path.apply(sequence.getAndIncrement())));
        }
      }));
    }
  }

  void phase(String next) {
    phase = next;
  }

  /** Waits until {@code phase} holds at least {@code atLeast} answers with {@code status}. */
  void await(String phase, int status, long atLeast) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
        .until(() -> count(phase, status) >= atLeast || !problems.isEmpty());
  }

  long count(String phase, int status) {
    LongAdder n = tallies.getOrDefault(phase, Map.of()).get(status);
    return n == null ? 0 : n.sum();
  }

  /** Answers per status over all phases. */
  Map<Integer, Long> byStatus() {
    Map<Integer, Long> total = new ConcurrentHashMap<>();
    tallies.values().forEach(m -> m.forEach((status, n) -> total.merge(status, n.sum(), Long::sum)));
    return total;
  }

  /** Statuses seen in {@code phase}. */
  Map<Integer, Long> statuses(String phase) {
    Map<Integer, Long> seen = new ConcurrentHashMap<>();
    tallies.getOrDefault(phase, Map.of()).forEach((status, n) -> seen.put(status, n.sum()));
    return seen;
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Stops sending and waits for the answers in flight. */
  void stop() throws Exception {
    running = false;
    for (Future<?> sender : senders) {
      sender.get();
    }
    pool.shutdown();
  }

  @Override
  public void close() throws Exception {
    if (running) {
      stop();
    }
  }

  private void problem(String problem) {
    if (problems.size() < 100) { // a dead server fails every request at once; the first ones tell the story
      problems.add(problem);
    }
  }

  private void send(URI uri) {
    String sentIn = phase;
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .build(), HttpResponse.BodyHandlers.ofString());
      String answeredIn = phase;
      int status = response.statusCode();
      tallies.computeIfAbsent(sentIn.equals(answeredIn) ? sentIn : TRANSITION, k -> new ConcurrentHashMap<>())
          .computeIfAbsent(status, k -> new LongAdder()).increment();
      if (status >= 500 && (!serverErrorBody.matcher(response.body()).matches()
          || !"application/json".equals(response.headers().firstValue("Content-Type").orElse("")))) {
        problem(uri.getPath() + " answered " + status + " with " + response.body());
      }
    } catch (Exception e) {
      problem(uri.getPath() + " failed on the client: " + e);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }
}
