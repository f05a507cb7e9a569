package io.perfwatch.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/** The stderr line itself is asserted by the consumer projects, which run without a provider (consumers/). */
class Slf4jNoticeTest {

  @Test
  void recognisesSlf4jsNoProviderFallback() {
    assertThat(Slf4jNotice.isNop(new NOPLoggerFactory())).isTrue();
  }

  @Test
  void aBoundProviderIsNotTheFallback() {
    assertThat(Slf4jNotice.isNop(LoggerFactory.getILoggerFactory())).isFalse(); // slf4j-simple, in test scope
  }
}
