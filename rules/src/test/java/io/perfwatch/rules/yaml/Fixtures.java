package io.perfwatch.rules.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixtures under {@code src/test/resources/rules/} and the shipped rule file. */
final class Fixtures {

  static final Path SHIPPED = Path.of("perfwatch-rules.yml");
  static final Path SCHEMA = Path.of("perfwatch-rules.schema.json");

  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/rules/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture rules/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String shipped() {
    try {
      return Files.readString(SHIPPED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
