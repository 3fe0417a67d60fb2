package org.neurojoule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the reference outputs: the project's copy in {@code runtime/src/test/resources/golden} (or
 * the folder named by the system property {@code neurojoule.golden}).
 */
public final class Golden {
  private Golden() {}

  /** The repository's root; tests run in their module's folder, one level below it. */
  static Path repositoryRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** The project's own copy of the golden files. */
  static Path projectCopy() {
    return repositoryRoot().resolve("runtime/src/test/resources/golden");
  }

  /** Where the goldens come from: {@code shared/golden} beside the repository, if present. */
  static Path shared() {
    return repositoryRoot().getParent().resolve("shared/golden");
  }

  public static Path dir() {
    String configured = System.getProperty("neurojoule.golden");
    Path dir = configured != null ? Path.of(configured) : projectCopy();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "golden files not found at "
              + dir
              + (configured != null ? " (set by -Dneurojoule.golden)" : ""));
    }
    return dir;
  }

  /** The whole file. */
  public static String read(String name) {
    try {
      return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's lines, without terminators. */
  public static List<String> lines(String name) {
    return read(name).lines().toList();
  }
}
