package org.neurojoule.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced code blocks of the documentation: README.md and every Markdown file under docs/, so
 * that a page or block added later is covered without touching the tests.
 *
 * <p>A block may carry a marker, an HTML comment on the line just before its fence, which Markdown
 * viewers do not show:
 *
 * <ul>
 *   <li>{@code <!-- snippet: skip (reason) -->}: neither compiled nor run; the reason is required.
 *   <li>{@code <!-- snippet: generated NAME -->}: an excerpt of the class NAME that the annotation
 *       processor generates from the page's other blocks; each line must be in it, in order.
 *   <li>{@code <!-- snippet: fails to compile with "TEXT" -->}: compiled on its own, it must fail
 *       with an error containing TEXT.
 * </ul>
 */
final class MarkdownBlocks {
  private static final Pattern FENCE = Pattern.compile("^```\\s*([\\w-]*)\\s*$");
  private static final Pattern MARKER = Pattern.compile("^<!--\\s*snippet:\\s*(.*?)\\s*-->\\s*$");

  private MarkdownBlocks() {}

  /** One fenced block: its file, the line of its opening fence, its language and its lines. */
  record Block(Path file, int line, String language, List<String> lines, Optional<String> marker) {
    String where() {
      return Docs.root().relativize(file) + ":" + line;
    }

    String text() {
      return String.join("\n", lines) + "\n";
    }

    boolean skipped() {
      return marker.filter(m -> m.startsWith("skip")).isPresent();
    }
  }

  /** The documentation's Markdown files: README.md and docs/**.md, in a fixed order. */
  static List<Path> files() {
    Path root = Docs.root();
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Every fenced block of every documentation file. */
  static List<Block> all() {
    List<Block> blocks = new ArrayList<>();
    for (Path file : files()) {
      blocks.addAll(of(file));
    }
    return blocks;
  }

  /** The fenced blocks of one file. */
  static List<Block> of(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      if (end == lines.size()) {
        throw new AssertionError(file + ":" + (i + 1) + ": a code block that is never closed");
      }
      Optional<String> marker = Optional.empty();
      if (i > 0) {
        Matcher m = MARKER.matcher(lines.get(i - 1));
        if (m.matches()) {
          marker = Optional.of(m.group(1));
        }
      }
      blocks.add(
          new Block(file, i + 1, open.group(1), List.copyOf(lines.subList(i + 1, end)), marker));
      i = end;
    }
    return blocks;
  }
}
