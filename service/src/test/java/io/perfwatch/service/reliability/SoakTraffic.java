package io.perfwatch.service.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * High-cardinality traffic for {@link MemorySoakTest}: request n carries tenant {@code tenant-n} and user
 * {@code user-n}, and is in turn a demo read of one transaction, a demo N+1 summary, a 404 on a new raw path, or one
 * of GET, POST and PUT on {@code /soak/<n mod routes>/<n>} (a new SQL text each time). Answers other than 200 and
 * 404 and transport failures are collected as problems.
 *
 * <p>One transport failure is retried: a kept-alive connection that reads end-of-stream before any byte of the answer
 * (the server or the loopback stack closed it as the request went out; it happened once in about 200,000 requests
 * on a CI machine). The JDK client retries that itself for GET but not for POST or PUT, which are as idempotent
 * here; the retries are counted and printed, and a second failure is a problem.
 */
final class SoakTraffic {
  private static final int THREADS = 4;
  private static final String[] METHODS = {"GET", "POST", "PUT"};

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final int soakRoutes;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

  SoakTraffic(URI base, int soakRoutes) {
    this.base = base;
    this.soakRoutes = soakRoutes;
  }

  /** Sends from {@value #THREADS} threads for {@code duration}; returns the answers received in that time. */
  long runFor(Duration duration) throws Exception {
    long before = sent.get();
    long deadline = System.nanoTime() + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> senders = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        senders.add(pool.submit(() -> {
          while (System.nanoTime() < deadline && problems.size() < 100) {
            send(sequence.getAndIncrement());
          }
          return null;
        }));
      }
      for (Future<?> sender : senders) {
        sender.get();
      }
    } finally {
      pool.shutdown();
    }
    return sent.get() - before;
  }

  /** Answers received so far. */
  long sent() {
    return sent.get();
  }

  /** Requests sent a second time after a connection closed before any answer. */
  long retried() {
    return retried.get();
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  private void send(long n) throws InterruptedException {
    String method = "GET";
    String path = switch ((int) (n % 5)) {
      case 0 -> "/api/transactions/" + (1 + n % 5_000);
      case 1 -> "/api/users/" + (1 + n % 300) + "/summary";
      case 2 -> "/no/such/path/" + n + "?q=" + n;
      default -> {
        method = METHODS[(int) (n / (5L * soakRoutes) % METHODS.length)]; // every method meets every route
        yield "/soak/" + n % soakRoutes + "/" + n;
      }
    };
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("X-Tenant-ID", "tenant-" + n).header("X-User-ID", "user-" + n)
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    try {
      int status = sendRetryingClosedConnection(request);
      sent.incrementAndGet();
      if (status != 200 && status != 404) {
        problems.add(method + " " + path + " answered " + status);
      }
    } catch (java.io.IOException e) {
      problems.add(method + " " + path + " failed on the client: " + e);
    }
  }

  private int sendRetryingClosedConnection(HttpRequest request) throws java.io.IOException, InterruptedException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
        throw e;
      }
      retried.incrementAndGet();
      System.out.println("Soak: sent again after its connection closed before any answer: " + request.method() + " "
          + request.uri().getPath() + " (" + e.getMessage() + ")");
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }
}
