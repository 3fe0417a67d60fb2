package org.neurojoule.dist;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shell command of README.md and docs/ runs, on the repository alone, through the unpacked
 * archive, and exits with 0; where a block shows a command's output ({@code $ command} then its
 * lines), those lines are in what it prints, in order ({@code ...} stands for lines left out).
 *
 * <p>Shell blocks are {@code sh}, {@code bash} and {@code console} blocks and any block whose lines
 * start with {@code $ }. Each block runs in a fresh folder that links to every top-level entry of
 * the repository, so relative paths such as {@code onnx/src/test/resources/...} resolve and files a
 * command writes stay out of the source tree; {@code neurojoule} and {@code ./neurojoule} are the
 * archive's launcher. Lines that run: {@code neurojoule}, {@code ./neurojoule}, {@code java} (the
 * examples' jar), and variable assignments, which later lines of the block see. Lines of {@code
 * ./mvnw} are the build itself, which CI runs; any other line is an error, unless its block is
 * marked {@code <!-- snippet: skip (reason) -->}.
 */
class DocumentationCommandsTest {
  private static final Pattern ASSIGNMENT = Pattern.compile("^\\w+=\\S*(\\s+#.*)?$");
  private static final Pattern SHELL = Pattern.compile("sh|bash|shell|console");

  /** One command of a block, with the output lines the block shows for it. */
  private record Command(String line, List<String> shownOutput) {}

  @TestFactory
  Stream<DynamicTest> everyCommandRuns() {
    return MarkdownBlocks.all().stream()
        .filter(b -> !b.skipped() && !commands(b).isEmpty())
        .map(b -> DynamicTest.dynamicTest(b.where(), () -> runBlock(b)));
  }

  @Test
  void theDocumentationHasCommandsAndEveryLineIsKnown() {
    int runnable = 0;
    for (MarkdownBlocks.Block block : MarkdownBlocks.all()) {
      if (block.skipped()) {
        continue;
      }
      for (Command command : commands(block)) {
        String kind = kind(command.line());
        assertWithMessage(
                "%s: '%s' is neither a neurojoule, java nor ./mvnw command; mark its block"
                    + " <!-- snippet: skip (reason) --> if it cannot run in a test",
                block.where(), command.line())
            .that(kind)
            .isNotEqualTo("unknown");
        if (kind.equals("run")) {
          runnable++;
        }
      }
    }
    assertThat(runnable).isAtLeast(10);
  }

  /** The commands of a block, continuation lines joined; empty for a block that is not shell. */
  private static List<Command> commands(MarkdownBlocks.Block block) {
    List<Command> commands = new ArrayList<>();
    boolean console = block.lines().stream().anyMatch(l -> l.startsWith("$ "));
    if (console) {
      String line = null;
      List<String> output = new ArrayList<>();
      for (String l : block.lines()) {
        if (l.startsWith("$ ")) {
          if (line != null) {
            commands.add(new Command(line, List.copyOf(output)));
          }
          line = l.substring(2).trim();
          output.clear();
        } else if (line != null) {
          output.add(l);
        }
      }
      if (line != null) {
        commands.add(new Command(line, List.copyOf(output)));
      }
      return commands;
    }
    if (!SHELL.matcher(block.language()).matches()) {
      return commands;
    }
    StringBuilder current = new StringBuilder();
    for (String l : block.lines()) {
      String t = l.strip();
      if (current.length() == 0 && (t.isEmpty() || t.startsWith("#"))) {
        continue;
      }
      if (t.endsWith("\\")) {
        current.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      current.append(t);
      commands.add(new Command(current.toString(), List.of()));
      current.setLength(0);
    }
    return commands;
  }

  private static String kind(String line) {
    if (ASSIGNMENT.matcher(line).matches()) {
      return "assignment";
    }
    String first = line.split("\\s+", 2)[0];
    switch (first) {
      case "neurojoule":
      case "./neurojoule":
        return "run";
      case "java":
        return line.contains("examples/target/") ? "run" : "unknown";
      case "./mvnw":
        return "build";
      default:
        return "unknown";
    }
  }

  private static void runBlock(MarkdownBlocks.Block block) throws Exception {
    UnpackedArchive archive = UnpackedArchive.get();
    Path work = cloneView(archive);
    List<String> assignments = new ArrayList<>();
    for (Command command : commands(block)) {
      String kind = kind(command.line());
      if (kind.equals("assignment")) {
        assignments.add(command.line());
        continue;
      }
      if (!kind.equals("run")) {
        continue;
      }
      String script = String.join("\n", assignments) + "\n" + command.line();
      UnpackedArchive.Result result = archive.sh(script, work);
      assertWithMessage("%s: %s\n%s", block.where(), command.line(), result)
          .that(result.exitCode())
          .isEqualTo(0);
      checkShownOutput(block, command, result.stdout());
    }
  }

  /** The shown lines, trailing spaces aside, are lines of the output in the same order. */
  private static void checkShownOutput(MarkdownBlocks.Block block, Command command, String stdout) {
    List<String> actual =
        stdout.lines().map(DocumentationCommandsTest::stripEnd).collect(Collectors.toList());
    int at = 0;
    for (String shown : command.shownOutput()) {
      String line = stripEnd(shown);
      if (line.isEmpty() || line.strip().equals("...")) {
        continue;
      }
      int found = actual.subList(at, actual.size()).indexOf(line);
      assertWithMessage(
              "%s: '%s' shows the line\n%s\nwhich it does not print (in this order); it prints:\n%s",
              block.where(), command.line(), line, stdout)
          .that(found)
          .isAtLeast(0);
      at += found + 1;
    }
  }

  private static String stripEnd(String s) {
    return s.stripTrailing();
  }

  /** A fresh folder that looks like the repository, with the archive's launcher as ./neurojoule. */
  private static Path cloneView(UnpackedArchive archive) throws IOException {
    Path work = archive.newFolder("docs-commands");
    try (Stream<Path> entries = Files.list(Docs.root())) {
      for (Path entry : entries.collect(Collectors.toList())) {
        String name = entry.getFileName().toString();
        if (name.equals("neurojoule") || name.equals(".git")) {
          continue;
        }
        Files.createSymbolicLink(work.resolve(name), entry);
      }
    }
    Files.createSymbolicLink(
        work.resolve("neurojoule"), archive.home().resolve("bin").resolve("neurojoule"));
    return work;
  }
}
