package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.yaml.Aggregation;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source whose own health is watched: while it fails (Prometheus unreachable, slow or answering errors) every
 * read throws {@link SourceUnavailableException}, {@link #status()} says since when and why, and the log has one
 * line when the outage starts and one when it ends. The service stays healthy meanwhile: rules keep their alerts'
 * states (a failed evaluation changes none), and recovery needs no restart.
 */
public final class WatchedSource implements StatsSource {
  private static final Logger LOG = LoggerFactory.getLogger(WatchedSource.class);
  private static final int MAX_ERROR_CHARS = 300;

  private final StatsSource source;
  private final String kind;
  private @Nullable Instant downSince;
  private @Nullable String lastError;
  private long outages;

  /** {@code kind}: {@code prometheus}, {@code scrape} or {@code in_process}, as the API names it. */
  public WatchedSource(StatsSource source, String kind) {
    this.source = Objects.requireNonNull(source, "source");
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * The source's state: up, or down since when and why.
   *
   * @param lastError the last failure, short and without the source's address (the log has the details), kept
   *     after a recovery
   * @param outages outages since start; each logged one line when it began and one when it ended
   */
  public record Status(String kind, String description, boolean up, Optional<Instant> downSince,
      Optional<String> lastError, long outages) {}

  public synchronized Status status() {
    return new Status(kind, source.describe(), downSince == null, Optional.ofNullable(downSince),
        Optional.ofNullable(lastError), outages);
  }

  @Override
  public WindowStats window(long fromMillis, long toMillis) {
    return watch(() -> source.window(fromMillis, toMillis));
  }

  @Override
  public Map<Identity, WindowStats> windows(long fromMillis, long toMillis, Aggregation level) {
    return watch(() -> source.windows(fromMillis, toMillis, level));
  }

  @Override
  public Map<Identity, WindowStats> windows(long fromMillis, long toMillis, Aggregation level,
      Set<Statistic> needs) {
    return watch(() -> source.windows(fromMillis, toMillis, level, needs));
  }

  /** Each answer counts for the source's health as it arrives, like a single window. */
  @Override
  public Map<WindowRequest, CompletableFuture<Map<Identity, WindowStats>>> windows(List<WindowRequest> requests) {
    Map<WindowRequest, CompletableFuture<Map<Identity, WindowStats>>> answers;
    try { // sent, not answered: only the answers tell whether the source is up
      answers = source.windows(requests);
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
    Map<WindowRequest, CompletableFuture<Map<Identity, WindowStats>>> watched = new LinkedHashMap<>();
    answers.forEach((request, answer) -> watched.put(request, answer.handle((windows, failure) -> {
      if (failure == null) {
        recovered();
        return windows;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
          : failure;
      throw cause instanceof RuntimeException e ? unavailable(e) : new CompletionException(cause);
    })));
    return watched;
  }

  @Override
  public List<TargetHealth> targets() {
    return watch(source::targets);
  }

  @Override
  public boolean fleet() {
    return source.fleet();
  }

  @Override
  public boolean ownHistory() {
    return source.ownHistory();
  }

  @Override
  public long nowMillis() {
    return source.nowMillis();
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public Optional<String> staleness() {
    return source.staleness();
  }

  private <T> T watch(Supplier<T> read) {
    T result;
    try {
      result = read.get();
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
    recovered();
    return result;
  }

  /** What a failure of the source is thrown as, once counted against its health. */
  private RuntimeException unavailable(RuntimeException e) {
    if (e instanceof IllegalArgumentException) { // the caller's mistake (an empty window), not the source's health
      return e;
    }
    String reason = shorten(e instanceof PrometheusQueryException p ? p.reason() : e.getClass().getSimpleName());
    failed(reason, e);
    return new SourceUnavailableException("the metrics source is unavailable (" + reason + "); GET "
        + "/api/v1/performance/health shows since when", e);
  }

  private synchronized void failed(String reason, RuntimeException e) {
    lastError = reason;
    if (downSince == null) {
      downSince = Instant.ofEpochMilli(source.nowMillis());
      outages++;
      LOG.warn("{} is unavailable: {}; perfwatch keeps serving, alerts keep their states until it answers again",
          source.describe(), Objects.requireNonNullElse(e.getMessage(), reason));
    }
  }

  private synchronized void recovered() {
    if (downSince != null) {
      Duration outage = Duration.ofMillis(Math.max(0, source.nowMillis() - downSince.toEpochMilli()));
      LOG.info("{} answers again after {} s unavailable", source.describe(), outage.toSeconds());
      downSince = null;
    }
  }

  private static String shorten(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS - 3) + "...";
  }
}
