package io.perfwatch.rules.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses the Prometheus text exposition format 0.0.4 and tolerates OpenMetrics 1.0 text (recognized by its final
 * {@code # EOF}; then timestamps are seconds, exemplars are dropped, {@code # UNIT} is ignored). Anything else that
 * is wrong throws {@link PrometheusFormatException} with the line; no other exception escapes. Bounded by a maximum
 * body length and sample count, as a scrape target may send anything.
 */
public final class PrometheusTextParser {
  public static final int DEFAULT_MAX_CHARS = 16 * 1024 * 1024;
  public static final int DEFAULT_MAX_SAMPLES = 200_000;
  private static final String EOF = "# EOF";

  private final int maxChars;
  private final int maxSamples;

  public PrometheusTextParser(int maxChars, int maxSamples) {
    this.maxChars = maxChars;
    this.maxSamples = maxSamples;
  }

  public PrometheusTextParser() {
    this(DEFAULT_MAX_CHARS, DEFAULT_MAX_SAMPLES);
  }

  /** Families in order of first appearance; OpenMetrics when the body ends with {@code # EOF}. */
  public List<MetricFamily> parse(String body) {
    return parse(body, isOpenMetrics(body.split("\n", -1)));
  }

  /**
   * As the response's {@code Content-Type} says: OpenMetrics for {@code application/openmetrics-text} (its
   * {@code # EOF} line is then required), else the text format 0.0.4, which Prometheus reads leniently: leading
   * blanks on a line, blanks between the name and {@code '{'}, no blank between {@code '}'} and the value.
   */
  public List<MetricFamily> parse(String body, boolean openMetrics) {
    if (body.length() > maxChars) {
      throw new PrometheusFormatException(0, "the body has " + body.length() + " characters, more than the limit of "
          + maxChars);
    }
    String[] lines = body.split("\n", -1);
    if (openMetrics && !isOpenMetrics(lines)) {
      throw new PrometheusFormatException(lines.length, "an OpenMetrics exposition must end with '# EOF'");
    }
    Map<String, Family> families = new LinkedHashMap<>();
    int samples = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (!openMetrics) {
        line = stripLeadingBlanks(line);
      }
      int number = i + 1;
      if (line.equals(EOF) && openMetrics) {
        break;
      }
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        comment(line, number, families);
        continue;
      }
      if (++samples > maxSamples) {
        throw new PrometheusFormatException(number, "more than " + maxSamples + " samples");
      }
      Sample sample = SampleLineParser.parse(line, number, openMetrics);
      familyOf(sample.name(), families).samples.add(sample);
    }
    List<MetricFamily> result = new ArrayList<>(families.size());
    families.values().forEach(f -> result.add(new MetricFamily(f.name, f.type, f.help, f.samples)));
    return List.copyOf(result);
  }

  private static String stripLeadingBlanks(String line) {
    int start = 0;
    while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
      start++;
    }
    return start == 0 ? line : line.substring(start);
  }

  /** OpenMetrics ends with "# EOF" (a trailing newline and blank lines tolerated) and has nothing after it. */
  private static boolean isOpenMetrics(String[] lines) {
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip();
      if (!line.isEmpty()) {
        return line.equals(EOF);
      }
    }
    return false;
  }

  private static void comment(String line, int number, Map<String, Family> families) {
    String[] parts = line.substring(1).strip().split("[ \t]+", 3);
    String keyword = parts[0];
    if (!keyword.equals("HELP") && !keyword.equals("TYPE") && !keyword.equals("UNIT")) {
      return; // a plain comment
    }
    if (parts.length < 2 || !isMetricName(parts[1])) {
      throw new PrometheusFormatException(number, keyword + " needs a metric name, found '"
          + (parts.length < 2 ? "" : parts[1]) + "'");
    }
    String name = parts[1];
    String text = parts.length == 3 ? parts[2] : "";
    Family family = families.get(name);
    if (keyword.equals("TYPE")) {
      MetricType type = MetricType.named(text.strip()).orElseThrow(() -> new PrometheusFormatException(number,
          "unknown type '" + text.strip() + "' for '" + name + "'; expected counter, gauge, histogram, summary, "
              + "untyped or an OpenMetrics type"));
      if (family != null && (family.typed || !family.samples.isEmpty())) {
        throw new PrometheusFormatException(number, "TYPE of '" + name + "' comes after its "
            + (family.typed ? "first TYPE line" : "samples"));
      }
      family = family != null ? family : new Family(name);
      family.type = type;
      family.typed = true;
      families.put(name, family);
    } else if (keyword.equals("HELP")) {
      family = families.computeIfAbsent(name, Family::new);
      family.help = unescapeHelp(text);
    }
  }

  private static Family familyOf(String sampleName, Map<String, Family> families) {
    Family exact = families.get(sampleName);
    if (exact != null) {
      return exact;
    }
    for (int cut = sampleName.lastIndexOf('_'); cut > 0; cut = sampleName.lastIndexOf('_', cut - 1)) {
      @Nullable Family candidate = families.get(sampleName.substring(0, cut));
      if (candidate != null && candidate.type.owns(candidate.name, sampleName)) {
        return candidate;
      }
    }
    return families.computeIfAbsent(sampleName, Family::new);
  }

  private static boolean isMetricName(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!SampleLineParser.isNameChar(text.charAt(i), i == 0, true)) {
        return false;
      }
    }
    return !text.isEmpty();
  }

  private static String unescapeHelp(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == 'n' || text.charAt(i + 1) == '\\')) {
        out.append(text.charAt(++i) == 'n' ? '\n' : '\\');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A family while it is being read. */
  private static final class Family {
    final String name;
    MetricType type = MetricType.UNTYPED;
    boolean typed;
    String help = "";
    final List<Sample> samples = new ArrayList<>();

    Family(String name) {
      this.name = name;
    }
  }
}
