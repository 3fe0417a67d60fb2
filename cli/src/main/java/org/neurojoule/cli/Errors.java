package org.neurojoule.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Failures as the one line the command prints for them. */
final class Errors {
  private Errors() {}

  /**
   * {@return what went wrong, on one line} The library's messages already name the layer, file,
   * device or value; an I/O failure adds its cause, such as {@code no such file}.
   *
   * @param e the failure
   */
  static String describe(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return "out of memory (" + e.getMessage() + "); give Java more with JAVA_OPTS=-Xmx...";
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      message += ": " + cause(e.getCause());
    }
    boolean ours =
        e instanceof IllegalArgumentException
            || e instanceof IllegalStateException
            || e instanceof UncheckedIOException
            || e instanceof java.io.IOException;
    return oneLine(ours ? message : "internal error, " + e + " (run with --verbose for details)");
  }

  /** {@code text} with its line breaks (a shape error's, say) turned into spaces. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String cause(Throwable cause) {
    if (cause instanceof NoSuchFileException) {
      return "no such file";
    }
    if (cause instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (cause instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
