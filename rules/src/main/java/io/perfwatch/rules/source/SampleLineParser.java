package io.perfwatch.rules.source;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Parses one sample line, character by character, so every problem names what was expected and what was found. */
final class SampleLineParser {
  // Go's ParseFloat as Prometheus uses it, minus hex; Java's parseDouble alone would accept "1d" or "Infinity".
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(?i:inf|infinity)|(?i:nan)");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

  private final String line;
  private final int lineNumber;
  private final boolean openMetrics;
  private int pos;

  private SampleLineParser(String line, int lineNumber, boolean openMetrics) {
    this.line = line;
    this.lineNumber = lineNumber;
    this.openMetrics = openMetrics;
  }

  static Sample parse(String line, int lineNumber, boolean openMetrics) {
    return new SampleLineParser(line, lineNumber, openMetrics).sample();
  }

  private Sample sample() {
    String name = name(true, "metric name");
    Map<String, String> labels = new LinkedHashMap<>();
    int afterName = pos;
    if (!openMetrics) { // the text format allows blanks between the name and '{'
      skipBlanks();
    }
    boolean braces = peek() == '{';
    if (braces) {
      pos++;
      labels(labels);
    } else {
      pos = afterName;
    }
    if (pos < line.length() && !isBlank(peek()) && (openMetrics || !braces)) {
      throw problem("expected a space before the value, found '" + peek() + "'");
    }
    String rest = line.substring(pos).strip();
    int exemplar = openMetrics ? rest.indexOf(" # ") : -1;
    if (exemplar >= 0) { // OpenMetrics exemplars carry trace ids, nothing perfwatch uses
      rest = rest.substring(0, exemplar).strip();
    }
    String[] fields = rest.isEmpty() ? new String[0] : rest.split("[ \t]+");
    if (fields.length == 0) {
      throw problem("sample '" + name + "' has no value");
    }
    if (fields.length > 2) {
      throw problem("unexpected '" + fields[2] + "' after the timestamp of '" + name + "'");
    }
    double value = number(fields[0], "value");
    OptionalLong timestamp = fields.length == 2 ? OptionalLong.of(timestamp(fields[1])) : OptionalLong.empty();
    return new Sample(name, labels, value, timestamp);
  }

  private void labels(Map<String, String> labels) {
    skipBlanks();
    while (peek() != '}') {
      String label = name(false, "label name");
      skipBlanks();
      expect('=', "after label name '" + label + "'");
      skipBlanks();
      expect('"', "to open the value of label '" + label + "'");
      String value = labelValue(label);
      if (labels.put(label, value) != null) {
        throw problem("label '" + label + "' appears twice");
      }
      skipBlanks();
      if (peek() == ',') {
        pos++;
        skipBlanks();
      } else if (peek() != '}') {
        throw problem("expected ',' or '}' after the value of label '" + label + "', found " + found());
      }
    }
    pos++;
  }

  private String labelValue(String label) {
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= line.length()) {
        throw problem("the value of label '" + label + "' is not closed with '\"'");
      }
      char c = line.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c != '\\') {
        value.append(c);
      } else if (pos >= line.length()) {
        throw problem("the value of label '" + label + "' ends in a lone backslash");
      } else {
        char escaped = line.charAt(pos++);
        switch (escaped) { // as Prometheus does: other escapes stay as written
          case 'n' -> value.append('\n');
          case '\\', '"' -> value.append(escaped);
          default -> value.append('\\').append(escaped);
        }
      }
    }
  }

  private String name(boolean metric, String what) {
    int start = pos;
    while (pos < line.length() && isNameChar(line.charAt(pos), pos == start, metric)) {
      pos++;
    }
    if (pos == start) {
      throw problem("expected a " + what + ", found " + found());
    }
    return line.substring(start, pos);
  }

  static boolean isNameChar(char c, boolean first, boolean metric) {
    boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
    return letter || (!first && c >= '0' && c <= '9');
  }

  private double number(String text, String what) {
    if (!NUMBER.matcher(text).matches()) {
      throw problem("expected a number as " + what + ", found '" + text + "'");
    }
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("nan")) {
      return Double.NaN;
    }
    if (lower.contains("inf")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(text);
  }

  private long timestamp(String text) {
    if (openMetrics) { // OpenMetrics: seconds, possibly fractional
      double seconds = number(text, "timestamp");
      if (!Double.isFinite(seconds) || Math.abs(seconds) > 9.2e15) {
        throw problem("timestamp '" + text + "' is out of range");
      }
      return Math.round(seconds * 1000);
    }
    if (!INTEGER.matcher(text).matches()) {
      throw problem("expected a timestamp in integer milliseconds, found '" + text + "'");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw problem("timestamp '" + text + "' is out of range");
    }
  }

  private void expect(char c, String where) {
    if (peek() != c) {
      throw problem("expected '" + c + "' " + where + ", found " + found());
    }
    pos++;
  }

  private void skipBlanks() {
    while (pos < line.length() && isBlank(line.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    return pos < line.length() ? line.charAt(pos) : '\0';
  }

  private String found() {
    return pos < line.length() ? "'" + line.charAt(pos) + "'" : "the end of the line";
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private PrometheusFormatException problem(String message) {
    return new PrometheusFormatException(lineNumber, message);
  }
}
