package io.perfwatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The adoption recipes (docs/adopt.md, linked from the README) are the consumer projects' own code: each block
 * after a {@code <!-- recipe: FILE#TAG -->} marker must equal the lines between {@code tag::TAG[]} and
 * {@code end::TAG[]} in that file (dedented, with the POM's filtered versions filled in), so the docs cannot show
 * code that does not build.
 */
class ReadmeRecipesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern RECIPE =
      Pattern.compile("<!-- recipe: ([^#]+)#(\\w+) -->\n```\\w+\n(.*?)\n```", Pattern.DOTALL);

  @Test
  void everyRecipeIsTheConsumerProjectsCode() throws IOException {
    String readme = Files.readString(ROOT.resolve("docs/adopt.md"));
    Map<String, String> versions = Map.of("@perfwatch.version@", property("pom.xml", "version"),
        "@slf4j.version@", property("bom/pom.xml", "slf4j.version"));
    List<String> files = new ArrayList<>();

    Matcher m = RECIPE.matcher(readme);
    while (m.find()) {
      String source = region(ROOT.resolve(m.group(1)), m.group(2));
      for (Map.Entry<String, String> v : versions.entrySet()) {
        source = source.replace(v.getKey(), v.getValue());
      }
      assertThat(m.group(3)).as(m.group(1) + "#" + m.group(2)).isEqualTo(source);
      files.add(m.group(1));
    }

    assertThat(files).contains("consumers/src/it/spark-app/src/main/java/com/example/orders/OrdersApp.java",
        "consumers/src/it/jakarta-app/src/main/java/com/example/shop/ShopApp.java",
        "consumers/src/it/javax-app/src/main/java/com/example/inventory/InventoryApp.java",
        "consumers/src/it/jakarta-app/pom.xml");
  }

  private static String region(Path file, String tag) throws IOException {
    List<String> lines = new ArrayList<>();
    boolean inside = false;
    for (String line : Files.readAllLines(file)) {
      if (line.contains("tag::" + tag + "[]")) {
        inside = true;
      } else if (line.contains("end::" + tag + "[]")) {
        inside = false;
      } else if (inside) {
        lines.add(line);
      }
    }
    assertThat(lines).as(file + " has no region " + tag).isNotEmpty();
    int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
        .min().orElse(0);
    return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
  }

  /** The first {@code <name>} element of a POM: the project's version, or a property. */
  private static String property(String pom, String name) throws IOException {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve(pom)));
    assertThat(m.find()).as(pom + " has no " + name).isTrue();
    return m.group(1);
  }
}
