package io.perfwatch.rules.yaml;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of a rule file: {@link #current()} is always the last rules that parsed cleanly. The file is polled
 * rather than watched with {@code WatchService}: editors save by writing a temp file and renaming it over the
 * original, which a watch on the old file misses; network and container file systems (NFS, bind mounts, Kubernetes
 * ConfigMaps swapping symlinks) often deliver no events at all. A change is a different SHA-256 of the content, not
 * a different mtime: mtimes can be coarse (same-second, same-size edits) and touching a file changes nothing. Reading
 * a file of at most 1 MiB every few seconds is cheap.
 */
public final class RuleFileWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RuleFileWatcher.class);

  private final Path file;
  private final RuleFileParser parser;
  private final Counter failures;
  private final Object lock = new Object();
  private volatile RuleSet current;
  private volatile @Nullable RuleFileException lastFailure;
  private @Nullable Stamp stamp;
  private boolean missingLogged;
  private @Nullable ScheduledExecutorService poller;

  /** A version of the file: the SHA-256 of its content. */
  private record Stamp(byte[] sha256) {
    boolean sameAs(Stamp other) {
      return Arrays.equals(sha256, other.sha256);
    }
  }

  /** Loads {@code file} now; throws {@link RuleFileException} when it is invalid, so a bad start fails loudly. */
  public RuleFileWatcher(Path file, RuleFileParser parser, MeterRegistry registry) {
    this.file = Objects.requireNonNull(file, "file");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.failures = Counter.builder("perfwatch.rules.reload.failures")
        .description("Rule file reloads rejected because the file was invalid; the last good rules stay active")
        .register(registry);
    Stamp initial = stamp().orElse(null);
    this.current = parser.parse(file);
    this.stamp = initial;
    logWarnings(current);
  }

  private static void logWarnings(RuleSet rules) {
    rules.warnings().forEach(w -> LOG.warn("Rule file warning (the rule is loaded as written): {}", w));
  }

  /** The last good rules; the engine calls this at every evaluation. */
  public RuleSet current() {
    return current;
  }

  /** Why the latest change was rejected; empty once a valid version is loaded again. */
  public Optional<RuleFileException> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** Reloads when the file changed; true when new rules were taken. Invalid or deleted files keep the old rules. */
  public boolean reloadIfChanged() {
    synchronized (lock) {
      Optional<Stamp> now = stamp();
      if (now.isEmpty()) {
        if (!missingLogged) {
          LOG.warn("Rule file {} is gone; keeping the {} rules loaded last", file, current.rules().size());
          missingLogged = true;
        }
        return false;
      }
      missingLogged = false;
      if (stamp != null && stamp.sameAs(now.get())) {
        return false;
      }
      stamp = now.get();
      try {
        current = parser.parse(file);
        lastFailure = null;
        LOG.info("Reloaded {} rules from {}", current.rules().size(), file);
        logWarnings(current);
        return true;
      } catch (RuleFileException e) {
        lastFailure = e;
        failures.increment();
        LOG.error("Rejected changed rule file, keeping the previous rules: {}", e.getMessage());
        return false;
      }
    }
  }

  /** Polls every {@code pollEvery} on a daemon thread until {@link #close()}. */
  public void start(Duration pollEvery) {
    synchronized (lock) {
      if (poller != null) {
        throw new IllegalStateException("already started");
      }
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "perfwatch-rules-watcher");
        t.setDaemon(true);
        return t;
      });
      poller.scheduleWithFixedDelay(this::pollSafely, pollEvery.toMillis(), pollEvery.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (poller != null) {
        poller.shutdownNow();
      }
    }
  }

  // An exception escaping a scheduled task cancels all later runs, so hot reload would silently stop.
  private void pollSafely() {
    try {
      reloadIfChanged();
    } catch (RuntimeException e) {
      LOG.error("Checking rule file {} failed; will retry", file, e);
    }
  }

  private Optional<Stamp> stamp() {
    try {
      long size = Files.size(file);
      // An oversized file is rejected by the parser anyway; its size alone tells versions apart well enough.
      byte[] content = size <= RuleFileParser.MAX_BYTES ? Files.readAllBytes(file) : Long.toString(size).getBytes(StandardCharsets.US_ASCII);
      return Optional.of(new Stamp(MessageDigest.getInstance("SHA-256").digest(content)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("Cannot read rule file {}: {}", file, e.toString());
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
