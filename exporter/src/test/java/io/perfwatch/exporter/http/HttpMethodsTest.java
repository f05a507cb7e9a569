package io.perfwatch.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import spark.route.HttpMethod;

class HttpMethodsTest {

  @Test
  void sparkMethodIsCanonicalLikeItsUpperCaseName() {
    for (HttpMethod method : HttpMethod.values()) {
      assertThat(HttpMethods.canonical(method))
          .as(method.name())
          .isSameAs(HttpMethods.canonical(method.name().toUpperCase(Locale.ROOT)));
    }
  }

  @Test
  void sparkFilterPseudoMethodsAreUnknown() {
    assertThat(HttpMethods.canonical(HttpMethod.before)).isEqualTo(HttpMethods.UNKNOWN);
    assertThat(HttpMethods.canonical(HttpMethod.afterafter)).isEqualTo(HttpMethods.UNKNOWN);
    assertThat(HttpMethods.canonical(HttpMethod.unsupported)).isEqualTo(HttpMethods.UNKNOWN);
  }
}
