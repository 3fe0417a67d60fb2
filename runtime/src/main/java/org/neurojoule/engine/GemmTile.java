package org.neurojoule.engine;

import java.util.logging.Logger;

/**
 * The innermost step of {@link JavaGemm}: up to {@link #mr()} rows of C times one packed strip of
 * B, {@link #nr()} columns wide, on the Java Vector API. {@link #best()} is {@code VectorGemmTile}
 * when the JVM runs with {@code --add-modules jdk.incubator.vector}, else null (scalar code); the
 * system property {@code neurojoule.vector} = {@code false} forces scalar code.
 */
abstract class GemmTile {
  private static final Logger LOG = Logger.getLogger(GemmTile.class.getName());
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** The largest number of rows one call computes. */
  abstract int mr();

  /** The width of a packed strip of B (columns). */
  abstract int nr();

  /** For reports: {@code vector N-bit}. */
  abstract String name();

  /**
   * {@code C[r][j] = (add ? C[r][j] : 0) + Σ_p A[r][p] · P[p][j]} for r below {@code rows} (at most
   * {@link #mr()}), p below {@code kc} and j below {@link #nr()}: A rows start at {@code a[ao +
   * r·lda]}, C rows at {@code c[co + r·ldc]}, and P is packed, row p at {@code bp[bo + p·nr()]}.
   */
  abstract void tile(
      float[] a,
      int ao,
      int lda,
      float[] bp,
      int bo,
      float[] c,
      int co,
      int ldc,
      int rows,
      int kc,
      boolean add);

  /** The tile in use, or null for scalar code. */
  static GemmTile best() {
    return Best.TILE;
  }

  /** Chosen on first use, not when this class initialises. */
  private static final class Best {
    static final GemmTile TILE = choose();
  }

  private static GemmTile choose() {
    boolean wanted = !"false".equals(System.getProperty("neurojoule.vector", "").trim());
    return wanted && ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent() ? vector(LOG) : null;
  }

  /**
   * The Vector API tile, loaded by name so that nothing links to the incubator module when it is
   * absent; null (scalar code), with one message, if it cannot load or this CPU's vectors are too
   * narrow.
   */
  static GemmTile vector(Logger log) {
    try {
      // As a named module the runtime reads only what its module-info requires; the incubator
      // module is not required (javac warns on any use of one), so read it now that it is here.
      ModuleLayer.boot().findModule(VECTOR_MODULE).ifPresent(GemmTile.class.getModule()::addReads);
      GemmTile t =
          Class.forName("org.neurojoule.engine.VectorGemmTile")
              .asSubclass(GemmTile.class)
              .getDeclaredConstructor()
              .newInstance();
      if (t.nr() > 0) {
        return t;
      }
      log.info(
          "NeuroJoule: this CPU's vectors are too narrow for the Vector API tile;"
              + " the pure-Java multiply uses scalar code");
    } catch (ReflectiveOperationException | LinkageError e) {
      log.warning(
          "NeuroJoule: the Vector API tile did not load ("
              + e
              + "); the pure-Java multiply uses scalar code (same results)");
    }
    return null;
  }
}
