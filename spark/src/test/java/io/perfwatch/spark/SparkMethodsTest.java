package io.perfwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import spark.route.HttpMethod;

class SparkMethodsTest {

  @Test
  void sparkMethodIsItsUpperCaseName() {
    for (HttpMethod method : new HttpMethod[] {HttpMethod.get, HttpMethod.post, HttpMethod.put, HttpMethod.delete,
        HttpMethod.patch, HttpMethod.head, HttpMethod.options, HttpMethod.trace, HttpMethod.connect}) {
      assertThat(SparkMethods.name(method)).isEqualTo(method.name().toUpperCase(Locale.ROOT));
    }
  }

  @Test
  void sparkFilterPseudoMethodsAreUnknown() {
    assertThat(SparkMethods.name(HttpMethod.before)).isEqualTo("UNKNOWN");
    assertThat(SparkMethods.name(HttpMethod.afterafter)).isEqualTo("UNKNOWN");
    assertThat(SparkMethods.name(HttpMethod.unsupported)).isEqualTo("UNKNOWN");
  }
}
