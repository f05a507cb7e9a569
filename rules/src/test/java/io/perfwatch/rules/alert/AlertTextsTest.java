package io.perfwatch.rules.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
    assertThat(broken.orElse(previous).summary()).isEqualTo("slow");
  }

  @Test
  void theFallbackIsTheLastComposedTextsNotAChainOfUnreadOnes() {
    AlertTexts first = AlertTexts.of("first", "r", Map.of());
    AlertTexts unread = AlertTexts.onFirstRead(() -> AlertTexts.of("second", "r", Map.of())).orElse(first);
    AlertTexts broken = AlertTexts.onFirstRead(() -> {
      throw new IllegalStateException("no text");
    }).orElse(unread);

    assertThat(broken.summary()).isEqualTo("first");
  }

  @Test
  void textsAreEqualWhenTheirWordsAre() {
    AlertTexts lazy = AlertTexts.onFirstRead(() -> AlertTexts.of("slow", "cache it", Map.of("a", "1")));

    assertThat(lazy).isEqualTo(AlertTexts.of("slow", "cache it", Map.of("a", "1")))
        .hasSameHashCodeAs(AlertTexts.of("slow", "cache it", Map.of("a", "1")))
        .isNotEqualTo(AlertTexts.of("slow", "cache it", Map.of()));
  }
}
