package io.perfwatch.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class RouteTemplatesTest {
  private final RouteTemplates templates = RouteTemplates.of(
      "/api/transactions/:id", "/api/transactions/summary", "/api/users/:id/summary", "/files/*", "/");

  @Test
  void matchesParametersToTheirTemplate() {
    assertThat(templates.match("/api/transactions/42")).hasValue("/api/transactions/:id");
    assertThat(templates.match("/api/users/7/summary")).hasValue("/api/users/:id/summary");
  }

  @Test
  void prefersLiteralSegmentsOverParametersWhateverTheOrder() {
    assertThat(templates.match("/api/transactions/summary")).hasValue("/api/transactions/summary");
  }

  @Test
  void wildcardTakesTheRestOfThePath() {
    assertThat(templates.match("/files/a/b/c.txt")).hasValue("/files/*");
  }

  @Test
  void matchesTheRootAndIgnoresATrailingSlash() {
    assertThat(templates.match("/")).hasValue("/");
    assertThat(templates.match("/api/transactions/42/")).hasValue("/api/transactions/:id");
  }

  @Test
  void findsNothingForUnknownPaths() {
    assertThat(templates.match("/api/transactions/42/extra")).isEmpty();
    assertThat(templates.match("/other")).isEmpty();
  }

  @Test
  void rejectsTemplatesWithoutALeadingSlash() {
    assertThatIllegalArgumentException().isThrownBy(() -> RouteTemplates.of("api/x"))
        .withMessage("route template 'api/x' must start with '/'");
  }
}
