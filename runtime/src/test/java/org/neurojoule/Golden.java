package org.neurojoule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the reference outputs in {@code shared/golden} beside the repository (or in the folder
 * named by the system property {@code neurojoule.golden}).
 */
public final class Golden {
  private Golden() {}

  public static Path dir() {
    String configured = System.getProperty("neurojoule.golden");
    Path dir = configured != null
        ? Path.of(configured)
        : Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/golden");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("golden files not found at " + dir
          + "; set -Dneurojoule.golden=<folder> to where shared/golden is");
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
