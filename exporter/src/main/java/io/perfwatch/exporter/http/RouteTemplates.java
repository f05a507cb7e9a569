package io.perfwatch.exporter.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Matches raw paths against route templates in Spark's syntax ({@code /api/transactions/:id}, {@code /files/*}),
 * for servlet containers, where the framework does not tell the filter which route ran. Literal segments win over
 * parameters, which win over wildcards, whatever the order the templates were given in.
 */
public final class RouteTemplates {
  private final List<Template> templates;

  private RouteTemplates(List<Template> templates) {
    this.templates = templates;
  }

  public static RouteTemplates of(String... templates) {
    return of(List.of(templates));
  }

  public static RouteTemplates of(List<String> templates) {
    List<Template> compiled = new ArrayList<>();
    for (String t : templates) {
      if (!t.startsWith("/")) {
        throw new IllegalArgumentException("route template '" + t + "' must start with '/'");
      }
      compiled.add(new Template(t, split(t)));
    }
    compiled.sort((a, b) -> Integer.compare(b.specificity(), a.specificity()));
    return new RouteTemplates(List.copyOf(compiled));
  }

  /** The most specific template that matches {@code path}, if any. */
  public Optional<String> match(String path) {
    String[] segments = split(path);
    for (Template t : templates) {
      if (t.matches(segments)) {
        return Optional.of(t.template());
      }
    }
    return Optional.empty();
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  private record Template(String template, String[] segments) {
    boolean matches(String[] path) {
      for (int i = 0; i < segments.length; i++) {
        String s = segments[i];
        if ("*".equals(s) && i == segments.length - 1) {
          return path.length >= segments.length;
        }
        if (i >= path.length) {
          return false;
        }
        if (!s.startsWith(":") && !"*".equals(s) && !s.equals(path[i])) {
          return false;
        }
      }
      return path.length == segments.length;
    }

    /** Literal segments count 2, parameters 1, wildcards 0: the most literal template is tried first. */
    int specificity() {
      int score = 0;
      for (String s : segments) {
        score = score * 3 + ("*".equals(s) ? 0 : s.startsWith(":") ? 1 : 2);
      }
      return score * 16 + segments.length;
    }
  }
}
