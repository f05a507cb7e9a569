package io.perfwatch.service.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.perfwatch.service.api.QueryString;
import java.util.List;
import spark.Request;
import spark.Response;
import spark.Route;

/** The demo's JSON: snake_case keys, ISO-8601 instants, exact decimals for amounts. */
final class Json {
  private Json() {}

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS); // 0.1 stays 0.1, not 0.1000000000000000055
  }

  /** A route answering JSON: the handler returns the body object and may set the status. */
  @FunctionalInterface
  interface Handler {
    Object handle(QueryString query, Request request, Response response);
  }

  /** A route taking the query {@code parameters} (a request naming any other is refused before the handler). */
  static Route route(ObjectMapper mapper, List<String> parameters, Handler handler) {
    return (req, res) -> {
      Object body = handler.handle(Params.query(req, parameters), req, res);
      res.type("application/json");
      return write(mapper, body);
    };
  }

  static String write(ObjectMapper mapper, Object body) {
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
