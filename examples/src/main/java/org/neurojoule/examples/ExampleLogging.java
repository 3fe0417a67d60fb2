package org.neurojoule.examples;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Shows the library's logged warnings as the examples want them: one line each ({@code warning:
 * Cannot compute stats for layer of type 'MaxPooling2D'}), and each distinct warning once, however
 * many models the examples estimate; java.util.logging's default prints two timestamped lines per
 * warning and every repeat.
 */
final class ExampleLogging {
  // Held here: java.util.logging keeps loggers only weakly, and would drop the configuration.
  private static final Logger LIBRARY = Logger.getLogger("org.neurojoule");

  private ExampleLogging() {}

  /**
   * Sends the library's warnings to {@code err}, one line each, every distinct one once.
   *
   * @param err where warnings go
   */
  static void eachWarningOnce(PrintStream err) {
    Set<String> seen = new HashSet<>();
    SimpleFormatter messages = new SimpleFormatter();
    Handler handler =
        new Handler() {
          @Override
          public synchronized void publish(LogRecord record) {
            String message = messages.formatMessage(record);
            if (isLoggable(record) && seen.add(message)) {
              err.println(
                  record.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": " + message);
            }
          }

          @Override
          public void flush() {
            err.flush();
          }

          @Override
          public void close() {}
        };
    handler.setLevel(Level.WARNING);
    LIBRARY.setUseParentHandlers(false);
    LIBRARY.addHandler(handler);
  }
}
