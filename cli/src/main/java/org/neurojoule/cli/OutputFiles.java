package org.neurojoule.cli;

import java.nio.file.Path;
import java.util.function.Consumer;

/** The files an option names, written when it was given. */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Writes {@code path} with {@code writer} if the option was given.
   *
   * @param path the option's file, or null when it was not given
   * @param writer writes a file
   */
  static void write(Path path, Consumer<Path> writer) {
    if (path != null) {
      writer.accept(path);
    }
  }
}
