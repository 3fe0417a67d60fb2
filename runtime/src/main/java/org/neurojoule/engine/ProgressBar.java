package org.neurojoule.engine;

import java.io.PrintStream;
import java.util.Locale;
import org.neurojoule.RateListener;

/**
 * A one-line progress bar on standard error, drawn only when a terminal is attached and the pass
 * has run for more than a second: {@code rates [#####.....] 52% 1664/3200 examples, 210 ex/s}.
 */
final class ProgressBar implements RateListener {
  private static final long DELAY_NANOS = 1_000_000_000L;
  private static final long REDRAW_NANOS = 200_000_000L;
  private final PrintStream out;
  private long lastDraw = -REDRAW_NANOS;
  private boolean drawn;

  private ProgressBar(PrintStream out) {
    this.out = out;
  }

  /** A bar on the terminal, or a listener that does nothing without one. */
  static RateListener forTerminal(long total) {
    return System.console() == null ? RateListener.NONE : new ProgressBar(System.err);
  }

  /** A bar on {@code out}, shown regardless of a terminal (tests). */
  static ProgressBar on(PrintStream out) {
    return new ProgressBar(out);
  }

  @Override
  public void progress(long done, long total, long elapsedNanos) {
    if (elapsedNanos < DELAY_NANOS && done < total) {
      return;
    }
    if (!drawn && done >= total && elapsedNanos < DELAY_NANOS) {
      return;
    }
    if (done < total && elapsedNanos - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = elapsedNanos;
    drawn = true;
    out.print("\r" + line(done, total, elapsedNanos));
    out.flush();
  }

  static String line(long done, long total, long elapsedNanos) {
    int width = 30;
    int filled = total == 0 ? width : (int) (width * done / total);
    double rate = done / Math.max(1e-9, elapsedNanos / 1e9);
    return String.format(
        Locale.ROOT,
        "rates [%s%s] %3d%% %d/%d examples, %.0f ex/s",
        "#".repeat(filled),
        ".".repeat(width - filled),
        total == 0 ? 100 : 100 * done / total,
        done,
        total,
        rate);
  }

  void finish() {
    if (drawn) {
      out.println();
      out.flush();
    }
  }
}
