package org.neurojoule.energy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the shared golden outputs, which live outside this module. */
final class Goldens {

  /** Surefire runs in the module directory: /work/main/runtime -> /work/shared/golden. */
  private static final Path DIR = Path.of("..", "..", "shared", "golden");

  private Goldens() {}

  /** Returns the lines of a golden file, without terminators; fails clearly if it is missing. */
  static List<String> lines(String fileName) {
    Path file = DIR.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "golden file not found: "
              + file.toAbsolutePath().normalize()
              + " (tests must run with the runtime module as working directory, so that "
              + DIR
              + " is the shared golden folder)");
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read golden file " + file, e);
    }
  }
}
