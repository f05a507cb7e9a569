package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus's query answers as they come, read by the streaming parser. */
class VectorJsonTest {

  @Test
  void readsLabelsAndValuesInAnyFieldOrderSkippingWhatItDoesNotKnow() throws Exception {
    List<VectorSample> samples = parse(200, "{\"data\":{\"result\":[{\"value\":[1768471200.5,\"2.5\"],"
        + "\"metric\":{\"job\":\"orders\",\"le\":\"+Inf\"}},{\"metric\":{},\"value\":[1768471200,\"+Inf\"]}],"
        + "\"stats\":{\"timings\":{\"evalTotalTime\":0.1}},\"resultType\":\"vector\"},"
        + "\"warnings\":[\"x\"],\"status\":\"success\"}");

    assertThat(samples).containsExactly(new VectorSample(Map.of("job", "orders", "le", "+Inf"), 2.5),
        new VectorSample(Map.of(), Double.POSITIVE_INFINITY));
  }

  @Test
  void anErrorAnswerGivesItsTypeAndMessage() {
    assertThatExceptionOfType(VectorJson.Invalid.class).isThrownBy(() -> parse(422,
        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing would load too many "
            + "samples into memory in query execution\"}"))
        .withMessage("HTTP 422, execution: query processing would load too many samples into memory in query "
            + "execution");
  }

  @Test
  void aSuccessWithAnErrorStatusCodeIsStillAnError() {
    assertThatExceptionOfType(VectorJson.Invalid.class).isThrownBy(() -> parse(503,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"))
        .withMessage("HTTP 503, ?: no error message");
  }

  @Test
  void onlyAVectorIsAnAnswer() {
    assertThatExceptionOfType(VectorJson.Invalid.class).isThrownBy(() -> parse(200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"))
        .withMessage("expected a vector result, got 'matrix'");
  }

  @Test
  void aValueThatIsNotANumberIsRefused() {
    assertThatExceptionOfType(VectorJson.Invalid.class).isThrownBy(() -> parse(200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
            + "\"value\":[1,\"many\"]}]}}"))
        .withMessage("sample value 'many' is not a number");
  }

  @Test
  void emptyTruncatedOrTrailingBodiesAreNotJson() {
    assertThatExceptionOfType(VectorJson.Invalid.class).isThrownBy(() -> parse(200, ""))
        .withMessage("HTTP 200, empty body");
    assertThatExceptionOfType(VectorJson.Invalid.class).isThrownBy(() -> parse(200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{"))
        .withMessage("HTTP 200 with a body that is not JSON");
    assertThatExceptionOfType(VectorJson.Invalid.class).isThrownBy(() -> parse(200, "{} <html>"))
        .withMessage("HTTP 200 with a body that is not JSON");
  }

  private static List<VectorSample> parse(int status, String body) throws VectorJson.Invalid {
    return VectorJson.parse(status, body.getBytes(StandardCharsets.UTF_8));
  }
}
