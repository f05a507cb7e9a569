package io.perfwatch.rules.yaml;

import java.io.StringReader;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns text into a SnakeYAML node tree with positions, never into objects. A first pass over the parser events
 * rejects every explicit tag ({@code !!java...}, {@code !foo}, even {@code !!str}) and anchors/aliases: the file
 * is plain data, and aliases are how "billion laughs" documents blow up.
 */
final class YamlLoader {

  private YamlLoader() {}

  /** The document's root node; empty when the text has no document or could not be parsed (problems added). */
  static Optional<Node> load(String text, Problems problems) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(0);
    options.setNestingDepthLimit(20);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    try {
      boolean refused = false;
      for (Event event : yaml.parse(new StringReader(text))) {
        refused |= refuse(event, problems);
      }
      return refused ? Optional.empty() : Optional.ofNullable(yaml.compose(new StringReader(text)));
    } catch (MarkedYAMLException e) {
      Mark where = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      problems.add(problems.at(where), null, syntaxError(e));
    } catch (ReaderException e) {
      problems.add(position(text, e.getPosition(), problems), null, "character U+"
          + String.format("%04X", e.getCodePoint()) + " is not allowed in YAML; remove it");
    } catch (YAMLException e) {
      problems.add(problems.start(), null, "YAML error: " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * SnakeYAML's problem, plus where the construct it was reading started ({@code line:column}), if elsewhere. Its
   * text for a tab names the character as {@code \t(TAB)}; say plainly what to do instead.
   */
  private static String syntaxError(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    if (problem.contains("(TAB)")) {
      return "YAML syntax error: a tab character; YAML indents and separates with spaces only, replace the tab with "
          + "spaces";
    }
    Mark start = e.getContextMark();
    Mark at = e.getProblemMark();
    boolean elsewhere = start != null && (at == null || start.getLine() != at.getLine()
        || start.getColumn() != at.getColumn());
    String context = e.getContext() == null ? ""
        : " (" + e.getContext() + (elsewhere ? " started at " + (start.getLine() + 1) + ":" + (start.getColumn() + 1)
            : "") + ")";
    return "YAML syntax error: " + problem + context;
  }

  private static boolean refuse(Event event, Problems problems) {
    String tag = event instanceof ScalarEvent s ? s.getTag()
        : event instanceof CollectionStartEvent c ? c.getTag() : null;
    boolean refused = false;
    if (tag != null) {
      problems.add(problems.at(event.getStartMark()), null, "YAML tag "
          + MappingReader.quote(tag.replace("tag:yaml.org,2002:", "!!"))
          + " is not allowed; the rule file is plain data, remove the tag");
      refused = true;
    }
    if (event instanceof AliasEvent a) {
      problems.add(problems.at(event.getStartMark()), null, "YAML alias '*" + a.getAnchor()
          + "' is not allowed; write the value out instead");
      refused = true;
    } else if (event instanceof NodeEvent n && n.getAnchor() != null) {
      problems.add(problems.at(event.getStartMark()), null, "YAML anchor '&" + n.getAnchor()
          + "' is not allowed; write the values out instead of sharing them");
      refused = true;
    }
    return refused;
  }

  /** ReaderException reports a code point index, not a line. */
  private static SourcePosition position(String text, int codePointIndex, Problems problems) {
    int line = 1;
    int column = 1;
    int offset = 0;
    for (int i = 0; i < codePointIndex && offset < text.length(); i++) {
      int cp = text.codePointAt(offset);
      offset += Character.charCount(cp);
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourcePosition(problems.file(), line, column);
  }
}
