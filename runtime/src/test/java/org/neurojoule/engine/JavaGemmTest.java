package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.neurojoule.engine.spi.Mat;

/**
 * The pure-Java multiply in scalar code and, when the JVM has {@code jdk.incubator.vector} (the
 * {@code vector-api} surefire pass), its Vector API tile: both against a float64 reference on odd
 * shapes, strides and offsets, and against each other.
 */
class JavaGemmTest {
  /** m, n, k: edges of every tile and strip width, k across several blocks. */
  private static final int[][] SHAPES = {
    {1, 1, 1},
    {5, 17, 3},
    {7, 33, 129},
    {13, 31, 300},
    {6, 16, 256},
    {12, 64, 1},
    {25, 100, 513},
    {2, 9, 1030},
    {64, 37, 77}
  };

  private static boolean vectorModule() {
    return ModuleLayer.boot().findModule(GemmTile.VECTOR_MODULE).isPresent();
  }

  private static List<JavaGemm> gemms() {
    List<JavaGemm> g = new ArrayList<>();
    g.add(new JavaGemm(null));
    if (vectorModule()) {
      g.add(new JavaGemm(GemmTile.vector(Logger.getAnonymousLogger())));
    }
    return g;
  }

  @Test
  void theTileInUseFollowsTheModule() {
    boolean expected = Boolean.getBoolean("neurojoule.test.vectorModule");
    assertWithMessage("jdk.incubator.vector in this JVM").that(vectorModule()).isEqualTo(expected);
    String name = JavaGemm.INSTANCE.kernelName();
    if (expected) {
      assertThat(name).startsWith("vector ");
      assertThat(GemmTile.best().nr() % 8).isEqualTo(0);
    } else {
      assertThat(name).isEqualTo("scalar");
      assertThat(GemmTile.best()).isNull();
    }
    assertThat(EngineInfo.javaTile()).isEqualTo(name);
  }

  @Test
  void productsMatchFloat64OnOddShapes() {
    for (JavaGemm g : gemms()) {
      for (int[] s : SHAPES) {
        int m = s[0];
        int n = s[1];
        int k = s[2];
        float[] a = random(m * k, 1);
        float[] b = random(k * n, 2);
        for (boolean weights : new boolean[] {true, false}) {
          Mat ma = g.constant(a);
          Mat mb = weights ? g.constant(b) : g.allocate((long) k * n);
          if (!weights) {
            mb.put(0, b, 0, b.length);
          }
          Mat mc = g.allocate((long) m * n);
          java.util.Arrays.fill(mc.array(), Float.NaN);
          g.multiply(m, n, k, ma, 0, mb, mc, 0);
          assertClose(
              g.kernelName() + " " + m + "x" + n + "x" + k,
              reference(a, b, m, n, k),
              mc.array(),
              k);
        }
      }
    }
  }

  @Test
  void stridesAndOffsetsAreHonoured() {
    // A 9 x 40 inside rows of 50 from offset 3, B's columns 16..45 of a 70 x 64 weight matrix,
    // C inside rows of 35 from offset 2: only those cells are written.
    int m = 9;
    int n = 30;
    int k = 40;
    float[] a = random(3 + m * 50, 3);
    float[] b = random(k * 64, 4);
    for (JavaGemm g : gemms()) {
      for (int col0 : new int[] {16, 5}) {
        Mat mc = g.allocate(2 + m * 35);
        java.util.Arrays.fill(mc.array(), -7f);
        g.multiply(m, n, k, g.constant(a), 3, 50, g.constant(b), col0, 64, mc, 2, 35);
        float[] c = mc.array();
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < 35; j++) {
            float got = c[2 + i * 35 + j];
            if (j >= n) {
              assertThat(got).isEqualTo(-7f);
              continue;
            }
            double want = 0;
            for (int p = 0; p < k; p++) {
              want += (double) a[3 + i * 50 + p] * b[p * 64 + col0 + j];
            }
            assertWithMessage("%s C[%s][%s], B from column %s", g.kernelName(), i, j, col0)
                .that((double) got)
                .isWithin(1e-4 * k)
                .of(want);
          }
        }
        assertThat(c[0]).isEqualTo(-7f);
        assertThat(c[1]).isEqualTo(-7f);
      }
    }
  }

  @Test
  void parallelSplitsByRowsAndByStripsGiveTheSameProducts() {
    for (JavaGemm g : gemms()) {
      for (int[] s : new int[][] {{3, 1000, 300}, {400, 50, 70}, {5, 33, 2000}}) {
        int m = s[0];
        int n = s[1];
        int k = s[2];
        float[] a = random(m * k, 5);
        float[] b = random(k * n, 6);
        Mat mc = g.allocate((long) m * n);
        g.multiplyParallel(m, n, k, g.constant(a), 0, g.constant(b), mc, 0);
        assertClose(
            g.kernelName() + " parallel " + m + "x" + n + "x" + k,
            reference(a, b, m, n, k),
            mc.array(),
            k);
      }
    }
  }

  @Test
  void writingTheWeightsDropsTheirPacking() {
    for (JavaGemm g : gemms()) {
      float[] a = random(4 * 20, 7);
      float[] b = random(20 * 24, 8);
      Mat mb = g.constant(b);
      Mat mc = g.allocate(4 * 24);
      g.multiply(4, 24, 20, g.constant(a), 0, mb, mc, 0);
      float[] b2 = random(20 * 24, 9);
      mb.put(0, b2, 0, b2.length);
      g.multiply(4, 24, 20, g.constant(a), 0, mb, mc, 0);
      assertClose(g.kernelName() + " after put", reference(a, b2, 4, 24, 20), mc.array(), 20);
    }
  }

  @Test
  void vectorAndScalarTilesAgreeToFloatRounding() {
    if (!vectorModule()) {
      assertThat(gemms()).hasSize(1);
      return;
    }
    List<JavaGemm> g = gemms();
    assertThat(g).hasSize(2);
    for (int[] s : SHAPES) {
      float[] a = random(s[0] * s[2], 10);
      float[] b = random(s[2] * s[1], 11);
      float[][] c = new float[2][];
      for (int i = 0; i < 2; i++) {
        Mat mc = g.get(i).allocate((long) s[0] * s[1]);
        g.get(i).multiply(s[0], s[1], s[2], g.get(i).constant(a), 0, g.get(i).constant(b), mc, 0);
        c[i] = mc.array();
      }
      for (int i = 0; i < c[0].length; i++) {
        assertWithMessage("%sx%sx%s at %s", s[0], s[1], s[2], i)
            .that(c[1][i])
            .isWithin(2e-6f * s[2] + 1e-6f)
            .of(c[0][i]);
      }
    }
  }

  private static void assertClose(String what, double[] want, float[] got, int k) {
    for (int i = 0; i < want.length; i++) {
      assertWithMessage("%s at %s", what, i)
          .that((double) got[i])
          .isWithin(1e-6 * k + 1e-6)
          .of(want[i]);
    }
  }

  private static double[] reference(float[] a, float[] b, int m, int n, int k) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < n; j++) {
          c[i * n + j] += (double) a[i * k + p] * b[p * n + j];
        }
      }
    }
    return c;
  }

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextDouble(-1, 1);
    }
    return x;
  }
}
