package io.perfwatch.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfwatch.rules.alert.AlertState;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.yaml.Detector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The document's enumerations are the code's closed sets: adding a detector or an error code fails here first. */
class ClosedSetsTest {
  private final OpenApiSpec spec = OpenApiSpec.load();

  private List<String> enumAt(String pointer) {
    List<String> values = new ArrayList<>();
    spec.document().at(pointer).forEach(v -> values.add(v.asText()));
    assertThat(values).as(pointer).isNotEmpty();
    return values;
  }

  @Test
  void detectorsSeveritiesAndStates() {
    assertThat(enumAt("/components/schemas/Detector/enum"))
        .containsExactlyElementsOf(Arrays.stream(Detector.values()).map(Detector::yamlName).toList());
    assertThat(enumAt("/components/schemas/Severity/enum"))
        .containsExactlyElementsOf(Arrays.stream(Severity.values()).map(Severity::label).toList());
    assertThat(enumAt("/components/schemas/Alert/properties/state/enum"))
        .containsExactlyElementsOf(Arrays.stream(AlertState.values()).map(AlertState::label).toList());
  }

  @Test
  void theMethodParameterTakesWhatTheServiceAccepts() {
    JsonNode method = spec.parameters("GET", PerformanceRoutes.BASE + "/analyze/endpoint/{path}").stream()
        .filter(p -> p.get("name").asText().equals("method")).findFirst().orElseThrow();
    List<String> documented = new ArrayList<>();
    method.at("/schema/enum").forEach(v -> documented.add(v.asText().toLowerCase(Locale.ROOT)));

    assertThat(documented).containsExactlyElementsOf(Reports.METHODS);
    assertThat(enumAt("/components/schemas/HttpMethod/enum")).containsAll(
        Reports.METHODS.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
  }

  @Test
  void everyErrorCodeOfEveryStatusIsDocumented() {
    List<String> codes = IntStream.range(400, 600).mapToObj(HttpErrors::code).distinct().toList();

    assertThat(enumAt("/components/schemas/Error/properties/error/properties/code/enum")).containsAll(codes)
        .contains("invalid_parameter", "unknown_parameter", "unauthorized", "admin_disabled", "too_many_attempts",
            "shutting_down");
  }
}
