package io.perfwatch.rules.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.perfwatch.testkit.CapturedStderr;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertTextsTest {

  @Test
  void lazyTextsAreComposedOnFirstReadAndOnlyOnce() {
    AtomicInteger composed = new AtomicInteger();
    AlertTexts texts = AlertTexts.onFirstRead(() -> {
      composed.incrementAndGet();
      return AlertTexts.of("slow", "cache it", Map.of("requests", "3"));
    });
    assertThat(composed).hasValue(0);

    assertThat(texts.summary()).isEqualTo("slow");
    assertThat(texts.recommendation()).isEqualTo("cache it");
    assertThat(texts.details()).isEqualTo(Map.of("requests", "3"));
    assertThat(composed).hasValue(1);
  }

  @Test
  void textsFailingToComposeThrowUnlessThereIsAFallback() {
    AlertTexts broken = AlertTexts.onFirstRead(() -> {
      throw new IllegalArgumentException("no text");
    });
    assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(broken::summary).withMessage("no text");

    AlertTexts previous = AlertTexts.of("slow", "cache it", Map.of());
    try (CapturedStderr log = CapturedStderr.quiet()) {
      assertThat(broken.orElse(previous).summary()).isEqualTo("slow");
      assertThat(log.lines()).startsWith("[main] WARN io.perfwatch.rules.alert.AlertTexts - alert texts could not "
          + "be composed; the previous ones stay", "java.lang.IllegalArgumentException: no text");
    }
  }

  @Test
  void theFallbackIsTheLastComposedTextsNotAChainOfUnreadOnes() {
    AlertTexts first = AlertTexts.of("first", "r", Map.of());
    AlertTexts unread = AlertTexts.onFirstRead(() -> AlertTexts.of("second", "r", Map.of())).orElse(first);
    AlertTexts broken = AlertTexts.onFirstRead(() -> {
      throw new IllegalStateException("no text");
    }).orElse(unread);

    try (CapturedStderr log = CapturedStderr.quiet()) {
      assertThat(broken.summary()).isEqualTo("first");
      assertThat(log.lines()).contains("java.lang.IllegalStateException: no text");
    }
  }

  @Test
  void textsAreEqualWhenTheirWordsAre() {
    AlertTexts lazy = AlertTexts.onFirstRead(() -> AlertTexts.of("slow", "cache it", Map.of("a", "1")));

    assertThat(lazy).isEqualTo(AlertTexts.of("slow", "cache it", Map.of("a", "1")))
        .hasSameHashCodeAs(AlertTexts.of("slow", "cache it", Map.of("a", "1")))
        .isNotEqualTo(AlertTexts.of("slow", "cache it", Map.of()));
  }
}
