package io.perfwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of a document that is generated from code, between a begin and an end marker line. {@link #current()}
 * reads it for a test to compare with the generated text; run the tests with {@code -Dperfwatch.updateDocs=true}
 * to write the generated text in instead (then review the diff and commit it).
 */
public final class GeneratedSection {
  private final Path file;
  private final String begin;
  private final String end;

  /** Markers are whole lines, e.g. {@code <!-- begin: perfwatch config -->}. */
  public GeneratedSection(Path file, String begin, String end) {
    this.file = file;
    this.begin = begin + "\n";
    this.end = "\n" + end;
  }

  /** The text between the markers; with {@code -Dperfwatch.updateDocs=true}, {@code generated} written in first. */
  public String current(String generated) {
    String text = read();
    int from = text.indexOf(begin);
    int to = text.indexOf(end, from + 1);
    if (from < 0 || to < 0) {
      throw new IllegalStateException(file + " lacks the lines '" + begin.strip() + "' and '" + end.strip()
          + "' around its generated part");
    }
    from += begin.length();
    if (Boolean.getBoolean("perfwatch.updateDocs")) {
      String body = generated.endsWith("\n") ? generated.substring(0, generated.length() - 1) : generated;
      text = text.substring(0, from) + body + text.substring(to);
      write(text);
      return generated;
    }
    return text.substring(from, to + 1);
  }

  private String read() {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
