package io.perfwatch.rules.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an answer of {@code /api/v1/query} as a token stream, without building a JSON tree: a per-instance answer
 * holds tens of thousands of elements, and a tree of them costs several times the parse. Unknown fields (such as
 * {@code warnings} or {@code stats}) are skipped.
 */
final class VectorJson {
  private static final JsonFactory JSON = new JsonFactory();

  private VectorJson() {}

  /** Why an answer is not a usable vector, in a few words (no body echo). */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The samples of a successful vector answer with HTTP {@code status}. */
  static List<VectorSample> parse(int status, byte[] body) throws Invalid {
    Answer answer = new Answer();
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new Invalid("HTTP " + status + ", empty body");
      }
      if (first == JsonToken.START_OBJECT) {
        read(p, answer);
      } else {
        p.skipChildren();
      }
      if (p.nextToken() != null) {
        throw new IOException("trailing content");
      }
    } catch (IOException e) {
      throw new Invalid("HTTP " + status + " with a body that is not JSON");
    }
    if (!"success".equals(answer.status) || status / 100 != 2) {
      throw new Invalid("HTTP " + status + ", " + (answer.errorType == null ? "?" : answer.errorType) + ": "
          + (answer.error == null ? "no error message" : answer.error));
    }
    if (!"vector".equals(answer.resultType)) {
      throw new Invalid("expected a vector result, got '" + (answer.resultType == null ? "" : answer.resultType)
          + "'");
    }
    List<VectorSample> samples = new ArrayList<>(answer.labels.size());
    for (int i = 0; i < answer.labels.size(); i++) {
      samples.add(new VectorSample(answer.labels.get(i), value(answer.values.get(i))));
    }
    return samples;
  }

  private static void read(JsonParser p, Answer answer) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      switch (field) {
        case "status" -> answer.status = p.getValueAsString();
        case "errorType" -> answer.errorType = p.getValueAsString();
        case "error" -> answer.error = p.getValueAsString();
        case "data" -> {
          if (token == JsonToken.START_OBJECT) {
            data(p, answer);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private static void data(JsonParser p, Answer answer) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      if (field.equals("resultType")) {
        answer.resultType = p.getValueAsString();
      } else if (field.equals("result") && token == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          element(p, answer);
        }
      } else {
        p.skipChildren();
      }
    }
  }

  /** {@code {"metric": {labels}, "value": [time, "value"]}}. */
  private static void element(JsonParser p, Answer answer) throws IOException {
    Map<String, String> labels = new HashMap<>();
    String value = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      if (field.equals("metric") && token == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          labels.put(name, p.getValueAsString(""));
          p.skipChildren();
        }
      } else if (field.equals("value") && token == JsonToken.START_ARRAY) {
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
          if (i == 1) {
            value = p.getValueAsString("");
          }
          p.skipChildren();
        }
      } else {
        p.skipChildren();
      }
    }
    answer.labels.add(labels);
    answer.values.add(value);
  }

  private static double value(String text) throws Invalid {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new Invalid("sample value '" + text + "' is not a number");
        }
    }
  }

  private static final class Answer {
    String status;
    String errorType;
    String error;
    String resultType;
    final List<Map<String, String>> labels = new ArrayList<>();
    final List<String> values = new ArrayList<>();
  }
}
