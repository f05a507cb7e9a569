package io.perfwatch.rules.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Test resources under {@code src/test/resources/source/}. */
final class Fixtures {
  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream("/source/" + name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
