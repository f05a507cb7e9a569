package io.perfwatch.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The shipped JSON schema accepts what the parser accepts (and catches some of what it rejects). */
class RuleFileSchemaTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Set<ValidationMessage> validate(String yaml) throws IOException {
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(Fixtures.SCHEMA));
    JsonNode document = YAML.readTree(yaml);
    return schema.validate(document);
  }

  @Test
  void shippedFileMatchesTheSchema() throws IOException {
    assertThat(validate(Fixtures.shipped())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"valid/minimal.yml", "valid/all-options.yml"})
  void validFixturesMatchTheSchema(String fixture) throws IOException {
    assertThat(validate(Fixtures.read(fixture))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"invalid/unknown-key.yml", "invalid/bad-detector.yml", "invalid/missing-threshold.yml",
      "invalid/bad-duration.yml", "invalid/key-not-for-detector.yml", "invalid/severity-unknown-level.yml",
      "invalid/percent-threshold-above-100.yml", "invalid/metric-not-for-detector.yml"})
  void invalidFixturesFailTheSchema(String fixture) throws IOException {
    assertThat(validate(Fixtures.read(fixture))).isNotEmpty();
  }
}
