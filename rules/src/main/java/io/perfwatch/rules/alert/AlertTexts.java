package io.perfwatch.rules.alert;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An alert's words: its summary, recommendation and details. Every evaluation cycle observes every breaching scope
 * instance again (thousands with a large rule file), but the words are read far less often: by the API, by
 * Alertmanager's sender, when an alert first appears. So they can be given as a function that composes them on first
 * read, at most once. Thread-safe; two texts are equal when their words are.
 */
public final class AlertTexts {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTexts.class);

  private record Words(String summary, String recommendation, Map<String, Object> details) {
    Words {
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(recommendation, "recommendation");
      details = Map.copyOf(details);
    }
  }

  // Not volatile: Words is immutable (final fields all the way down), so a thread that sees the reference sees it
  // whole, and one that sees null composes under the lock. A volatile store here cost 8% of an evaluation cycle of
  // 100 rules, which builds one AlertTexts per breaching instance.
  private @Nullable Words words;
  private @Nullable Supplier<AlertTexts> compose; // composed under the lock; dropped once composed
  private final @Nullable Words fallback;

  private AlertTexts(@Nullable Words words, @Nullable Supplier<AlertTexts> compose, @Nullable Words fallback) {
    this.words = words;
    this.compose = compose;
    this.fallback = fallback;
  }

  public static AlertTexts of(String summary, String recommendation, Map<String, ?> details) {
    return new AlertTexts(new Words(summary, recommendation, Map.copyOf(details)), null, null);
  }

  /** Texts that {@code compose} gives when they are first read; it runs at most once (unless it throws). */
  public static AlertTexts onFirstRead(Supplier<AlertTexts> compose) {
    return new AlertTexts(null, Objects.requireNonNull(compose, "compose"), null);
  }

  /**
   * These texts, except that if composing them throws, the last words {@code previous} did compose are read instead
   * and the failure is logged: an alert keeps readable texts when a later observation's cannot be composed.
   */
  public AlertTexts orElse(AlertTexts previous) {
    Words settled = previous.settled();
    Supplier<AlertTexts> pending = compose;
    return words != null || pending == null || settled == null ? this : new AlertTexts(null, pending, settled);
  }

  /** Composes the words now if that has not happened yet; throws what composing throws. */
  public AlertTexts compose() {
    words();
    return this;
  }

  public String summary() {
    return words().summary();
  }

  public String recommendation() {
    return words().recommendation();
  }

  /**
   * Detector-specific facts, e.g. the status code distribution or the table of a slow query: numbers as numbers
   * ({@code Long}, {@code Double}), flags as {@code Boolean}, the rest as text.
   */
  public Map<String, Object> details() {
    return words().details();
  }

  private @Nullable Words settled() {
    Words w = words;
    return w != null ? w : fallback;
  }

  private Words words() {
    Words w = words; // see the field
    if (w != null) {
      return w;
    }
    synchronized (this) {
      if (words == null) {
        try {
          words = Objects.requireNonNull(compose).get().words();
        } catch (RuntimeException e) {
          if (fallback == null) {
            throw e;
          }
          LOG.warn("alert texts could not be composed; the previous ones stay", e);
          words = fallback;
        }
        compose = null;
      }
      return Objects.requireNonNull(words);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AlertTexts other && words().equals(other.words());
  }

  @Override
  public int hashCode() {
    return words().hashCode();
  }

  @Override
  public String toString() {
    Words w = words();
    return "AlertTexts[summary=" + w.summary() + ", recommendation=" + w.recommendation() + ", details="
        + w.details() + "]";
  }
}
