package io.perfwatch.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import spark.ResponseTransformer;

/**
 * The API's JSON: snake_case keys, ISO-8601 UTC timestamps to the second ({@code 2024-01-15T10:30:00Z}), numbers
 * as numbers (NaN and infinities as null: JSON has no such numbers), no nulls omitted.
 */
public final class Json implements ResponseTransformer {
  private static final JsonSerializer<Double> FINITE_OR_NULL = new JsonSerializer<>() {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      if (value.isNaN() || value.isInfinite()) {
        gen.writeNull();
      } else {
        gen.writeNumber(value);
      }
    }
  };

  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new SimpleModule()
          .addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
              gen.writeString(value.truncatedTo(ChronoUnit.SECONDS).toString());
            }
          })
          .addSerializer(Double.class, FINITE_OR_NULL)
          .addSerializer(double.class, FINITE_OR_NULL))
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .serializationInclusion(JsonInclude.Include.ALWAYS)
      .build();

  @Override
  public String render(Object model) throws JsonProcessingException {
    return MAPPER.writeValueAsString(model);
  }

  public static String write(Object model) {
    try {
      return MAPPER.writeValueAsString(model);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write JSON for " + model.getClass().getSimpleName(), e);
    }
  }
}
