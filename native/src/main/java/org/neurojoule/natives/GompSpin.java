package org.neurojoule.natives;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How long oneDNN's idle OpenMP threads spin before they sleep; set before oneDNN loads.
 *
 * <p>oneDNN's convolutions run on libgomp, whose idle threads by default spin for 300 000
 * iterations after each parallel region, milliseconds of a busy core. Between two convolutions the
 * engine works on its own Java threads (the epilogue with the |x| sums, pooling, copies), and the
 * spinning thread takes a core from them. With a spin count of {@value #DEFAULT}, the convolutional
 * networks of the benchmark ran 10–25 % faster on two cores, and the MNIST model no slower. libgomp
 * reads the count from the environment once, when it loads, so it goes into the process
 * environment, through the C library's {@code setenv} (JNA), unless the user set {@code
 * OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT}. The system property {@code neurojoule.gompSpin} gives
 * another count, or {@code keep} to leave the environment alone.
 */
final class GompSpin {
  /** The spin count NeuroJoule sets. */
  static final String DEFAULT = "3000";

  private static volatile String setting = "libgomp's default (oneDNN not loaded)";

  /** The C library's {@code setenv}. */
  private interface LibC extends Library {
    int setenv(String name, String value, int overwrite);
  }

  private GompSpin() {}

  /** Sets the spin count unless the user chose one; returns what is in force, for reports. */
  static synchronized String apply(Logger log) {
    String policy = System.getenv("OMP_WAIT_POLICY");
    String spin = System.getenv("GOMP_SPINCOUNT");
    String wanted = System.getProperty("neurojoule.gompSpin", DEFAULT).trim();
    if (policy != null || spin != null) {
      setting =
          (policy != null ? "OMP_WAIT_POLICY=" + policy + " " : "")
              + (spin != null ? "GOMP_SPINCOUNT=" + spin + " " : "")
              + "(from the environment)";
    } else if (wanted.equalsIgnoreCase("keep")) {
      setting = "libgomp's default (neurojoule.gompSpin=keep)";
    } else if (!wanted.matches("\\d{1,12}")) {
      throw new IllegalArgumentException(
          "neurojoule.gompSpin must be a whole number or 'keep', not '" + wanted + "'");
    } else {
      try {
        LibC c = Native.load("c", LibC.class);
        if (c.setenv("GOMP_SPINCOUNT", wanted, 0) != 0) {
          throw new IllegalStateException("setenv failed");
        }
        setting = "GOMP_SPINCOUNT=" + wanted + " (set by NeuroJoule)";
      } catch (RuntimeException | LinkageError e) {
        // Only speed depends on it: go on with libgomp's default.
        log.log(Level.FINE, "could not set GOMP_SPINCOUNT", e);
        setting = "libgomp's default (could not set GOMP_SPINCOUNT: " + e + ")";
      }
    }
    return setting;
  }

  /** What is in force, as {@link #apply} left it. */
  static String setting() {
    return setting;
  }
}
