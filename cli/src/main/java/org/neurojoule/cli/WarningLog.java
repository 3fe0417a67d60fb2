package org.neurojoule.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Shows the library's logged warnings (System.Logger, which goes to java.util.logging) on the
 * command's standard error, one line each ({@code warning: ...}), while a command runs.
 */
final class WarningLog implements AutoCloseable {
  // Held here: java.util.logging keeps loggers only weakly, and would drop the configuration.
  private final Logger logger = Logger.getLogger("org.neurojoule");
  private final Handler handler;
  private final boolean usedParent;
  private final Level level;

  private WarningLog(PrintWriter err, boolean quiet) {
    handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (isLoggable(record)) {
              err.println(getFormatter().format(record));
              err.flush();
            }
          }

          @Override
          public void flush() {
            err.flush();
          }

          @Override
          public void close() {}
        };
    handler.setFormatter(new OneLine());
    handler.setLevel(quiet ? Level.OFF : Level.WARNING);
    usedParent = logger.getUseParentHandlers();
    level = logger.getLevel();
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.WARNING);
    logger.addHandler(handler);
  }

  /**
   * {@return the library's warnings on {@code err} until closed}
   *
   * @param err where warnings go
   * @param quiet whether to drop them instead
   */
  static WarningLog to(PrintWriter err, boolean quiet) {
    return new WarningLog(err, quiet);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(usedParent);
    logger.setLevel(level);
  }

  /** {@code warning: Cannot compute stats for layer of type 'X'}: the level, then the message. */
  static final class OneLine extends Formatter {
    @Override
    public String format(LogRecord record) {
      String level =
          record.getLevel() == Level.WARNING
              ? "warning"
              : record.getLevel().getName().toLowerCase(Locale.ROOT);
      return level + ": " + Errors.oneLine(formatMessage(record));
    }
  }
}
