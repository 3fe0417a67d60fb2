package org.neurojoule.dist;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of README.md and docs/ compiles, with only the imports it shows.
 *
 * <p>The blocks of one page compile together, in a package of their own, so that a later block may
 * use a class an earlier one declares (the annotated {@code Mnist} and its generated {@code
 * MnistModel}), against the library in the archive's jar. A block that declares a type compiles as
 * it is; any other block is statements, which go into a method of a class of their own, after the
 * block's imports. Markers (see {@link MarkdownBlocks}) select the blocks that show generated code
 * or a compile error.
 */
class DocumentationJavaTest {
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "^(?:@\\w+(?:\\(.*\\))?\\s+)*(?:public\\s+|final\\s+|abstract\\s+)*"
              + "(?:class|interface|record|enum|@interface)\\s+(\\w+)",
          Pattern.MULTILINE);
  private static final Pattern FAILS = Pattern.compile("^fails to compile with \"(.*)\"$");
  private static final Pattern GENERATED = Pattern.compile("^generated (\\w+)$");

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> everyPageCompiles() {
    return MarkdownBlocks.files().stream()
        .filter(file -> MarkdownBlocks.of(file).stream().anyMatch(b -> isJava(b)))
        .map(
            file ->
                DynamicTest.dynamicTest(
                    Docs.root().relativize(file).toString(), () -> compilePage(file)));
  }

  @Test
  void theDocumentationHasJavaBlocksAndTheMarkersAreKnown() {
    List<MarkdownBlocks.Block> java =
        MarkdownBlocks.all().stream().filter(b -> isJava(b)).collect(Collectors.toList());
    assertThat(java.size()).isAtLeast(20);
    for (MarkdownBlocks.Block block : MarkdownBlocks.all()) {
      block
          .marker()
          .ifPresent(
              m ->
                  assertWithMessage(block.where() + ": unknown marker '" + m + "'")
                      .that(
                          m.matches("skip \\(.+\\)")
                              || FAILS.matcher(m).matches()
                              || GENERATED.matcher(m).matches())
                      .isTrue());
    }
  }

  private static boolean isJava(MarkdownBlocks.Block block) {
    return block.language().equals("java");
  }

  private void compilePage(Path page) throws IOException {
    String pkg = packageOf(page);
    Path sources = Files.createDirectories(temp.resolve("src"));
    List<Path> units = new ArrayList<>();
    List<MarkdownBlocks.Block> excerpts = new ArrayList<>();
    for (MarkdownBlocks.Block block : MarkdownBlocks.of(page)) {
      if (!isJava(block) || block.skipped()) {
        continue;
      }
      Optional<String> marker = block.marker();
      if (marker.isPresent() && GENERATED.matcher(marker.get()).matches()) {
        excerpts.add(block);
        continue;
      }
      if (marker.isPresent() && FAILS.matcher(marker.get()).matches()) {
        Matcher fails = FAILS.matcher(marker.get());
        assertThat(fails.matches()).isTrue();
        checkFailsToCompile(block, fails.group(1));
        continue;
      }
      units.add(write(sources, unitOf(block, pkg)));
    }
    Path generated = Files.createDirectories(temp.resolve("generated"));
    List<String> errors = compile(units, generated);
    assertWithMessage("the Java blocks of %s do not compile:\n%s", page, String.join("\n", errors))
        .that(errors)
        .isEmpty();
    for (MarkdownBlocks.Block excerpt : excerpts) {
      Matcher m = GENERATED.matcher(excerpt.marker().orElseThrow());
      assertThat(m.matches()).isTrue();
      Path file = generated.resolve(pkg.replace('.', '/')).resolve(m.group(1) + ".java");
      assertWithMessage("%s: the processor generated no %s", excerpt.where(), file)
          .that(Files.exists(file))
          .isTrue();
      checkExcerpt(excerpt, Files.readString(file, StandardCharsets.UTF_8));
    }
  }

  /**
   * Each line of the excerpt, but elisions ({@code ...}), is in the generated class, in order; both
   * are compared with doc comment markers and runs of white space reduced to one space, so that a
   * one-line doc comment matches the processor's three-line one.
   */
  private static void checkExcerpt(MarkdownBlocks.Block excerpt, String generated) {
    String text = normalized(generated);
    int at = 0;
    for (String shown : excerpt.lines()) {
      String line = normalized(shown);
      if (line.isEmpty() || line.contains("...")) {
        continue;
      }
      int found = text.indexOf(line, at);
      assertWithMessage(
              "%s: '%s' is not in the generated class (after character %s):\n%s",
              excerpt.where(), line, at, generated)
          .that(found)
          .isAtLeast(0);
      at = found + line.length();
    }
  }

  private static String normalized(String java) {
    return java.replaceAll("/\\*\\*|\\*/", " ")
        .replaceAll("(?m)^\\s*\\*(?=\\s|$)", " ")
        .replaceAll("\\s+", " ")
        .trim();
  }

  private void checkFailsToCompile(MarkdownBlocks.Block block, String expected) throws IOException {
    Path sources = Files.createDirectories(temp.resolve("failing-" + block.line()));
    Unit unit = unitOf(block, null);
    Path file = write(sources, unit);
    List<String> errors =
        compile(List.of(file), Files.createDirectories(sources.resolve("generated")));
    assertWithMessage("%s should fail to compile with '%s'", block.where(), expected)
        .that(errors.stream().anyMatch(e -> e.contains(expected)))
        .isTrue();
  }

  /** A compilation unit: its package, its type name and its text. */
  private record Unit(String pkg, String name, String text) {}

  /** The block as a compilation unit in {@code pkg} (or in the package it declares). */
  private static Unit unitOf(MarkdownBlocks.Block block, String pkg) {
    List<String> head = new ArrayList<>();
    List<String> body = new ArrayList<>();
    String declared = null;
    for (String line : block.lines()) {
      String t = line.trim();
      if (body.isEmpty() && t.startsWith("package ")) {
        declared = t.substring("package ".length(), t.indexOf(';')).trim();
      } else if (body.isEmpty() && (t.startsWith("import ") || t.isEmpty())) {
        head.add(line);
      } else {
        body.add(line);
      }
    }
    String unitPackage = declared != null ? declared : pkg;
    String bodyText = String.join("\n", body);
    Matcher type = TYPE_DECLARATION.matcher(bodyText);
    StringBuilder text = new StringBuilder();
    if (unitPackage != null) {
      text.append("package ").append(unitPackage).append(";\n");
    }
    text.append(String.join("\n", head)).append('\n');
    String name;
    if (type.find()) {
      name = type.group(1);
      text.append(bodyText).append('\n');
    } else {
      name = "Block" + block.line();
      text.append("@SuppressWarnings(\"unused\")\n")
          .append("final class ")
          .append(name)
          .append(" {\n  static void run() throws Exception {\n")
          .append(bodyText)
          .append("\n  }\n}\n");
    }
    return new Unit(unitPackage, name, text.toString());
  }

  private static Path write(Path sources, Unit unit) throws IOException {
    Path dir = sources;
    if (unit.pkg() != null) {
      dir = sources.resolve(unit.pkg().replace('.', '/'));
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(unit.name() + ".java");
    Files.writeString(file, unit.text(), StandardCharsets.UTF_8);
    return file;
  }

  private List<String> compile(List<Path> files, Path generated) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createTempDirectory(temp, "classes");
    // What the archive ships (the tool's jar holds the library), then the test class path, which
    // brings the annotation processor.
    String classpath =
        UnpackedArchive.get().home().resolve("lib/neurojoule.jar")
            + java.io.File.pathSeparator
            + System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-classpath",
              classpath,
              "-d",
              classes.toString(),
              "-s",
              generated.toString(),
              "-implicit:class",
              "-nowarn");
      boolean ok =
          javac
              .getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
              .call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          String source = d.getSource() == null ? "" : d.getSource().getName();
          errors.add(source + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).trim());
        }
      }
      if (!ok && errors.isEmpty()) {
        errors.add("javac failed without an error message");
      }
      return errors;
    }
  }

  /** A package name for a page: docs/cli.md gives snippets.docs.cli, README.md snippets.readme. */
  private static String packageOf(Path page) {
    String relative = Docs.root().relativize(page).toString().toLowerCase(Locale.ROOT);
    String name = relative.replaceAll("\\.md$", "").replaceAll("[^a-z0-9/]", "_").replace('/', '.');
    return "snippets." + name;
  }
}
