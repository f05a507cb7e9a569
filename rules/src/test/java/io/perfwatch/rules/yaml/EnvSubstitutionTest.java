package io.perfwatch.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

  @Test
  void aBlankVariableIsUnsetAndTakesTheDefault() {
    EnvSubstitution env = new EnvSubstitution(Map.of("PERFORMANCE_MAX_CPU_PERCENT", "  "));

    assertThat(env.resolve("threshold", "${PERFORMANCE_MAX_CPU_PERCENT:80}"))
        .isEqualTo(new EnvSubstitution.Resolved("80", "'80' (from ${PERFORMANCE_MAX_CPU_PERCENT:80})", ""));
  }

  @Test
  void aSetVariableIsTrimmed() {
    EnvSubstitution env = new EnvSubstitution(Map.of("PERFORMANCE_MAX_CPU_PERCENT", " 75 "));

    assertThat(env.resolve("threshold", "${PERFORMANCE_MAX_CPU_PERCENT:80}").value()).isEqualTo("75");
  }
}
