package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.Tensor;

/**
 * KerasSpiking's Lowpass and Alpha against naive float64 loops: Lowpass as its recurrence, Alpha as
 * KerasSpiking's zero-order-hold matrices {@code x' = A x + B u} applied as 2x2 products.
 */
class FilterReferenceTest {
  private static final int N = 2;
  private static final int STEPS = 7;
  private static final int UNITS = 3;
  private static final double DT = 0.002;

  @Test
  void lowpass_perUnitTauAndInitialLevel() {
    Tensor t = Model.input(Model.NONE, UNITS).lowpass(0.01, f -> f.dt(DT));
    float[] level = {0.5f, -1f, 0f};
    float[] tau = {0.01f, 0.003f, 1e-9f}; // the last is clipped to 1e-8: y follows x
    t.layer().setWeights(level, tau);
    float[] x = values(N * STEPS * UNITS);

    float[] y = KernelTest.run(t, Gemm.java(), x, N, STEPS, UNITS);

    for (int b = 0; b < N; b++) {
      for (int u = 0; u < UNITS; u++) {
        double a = Math.exp(-DT / Math.max(tau[u], 1e-8));
        double state = level[u];
        for (int s = 0; s < STEPS; s++) {
          int i = (b * STEPS + s) * UNITS + u;
          state = (1 - a) * x[i] + a * state;
          assertThat((double) y[i]).isWithin(1e-6).of(state);
        }
      }
    }
  }

  @Test
  void alpha_zeroOrderHoldStateSpace_lastStepOnly() {
    Tensor t = Model.input(Model.NONE, UNITS).alpha(0.01, f -> f.dt(DT).returnSequences(false));
    float[] level = {0.25f, 0f, -2f};
    float[] tau = {0.01f, 0.004f, 0.05f};
    t.layer().setWeights(level, tau);
    float[] x = values(N * STEPS * UNITS);

    float[] y = KernelTest.run(t, Gemm.java(), x, N, STEPS, UNITS);

    assertThat(y).hasLength(N * UNITS);
    for (int b = 0; b < N; b++) {
      for (int u = 0; u < UNITS; u++) {
        double tu = tau[u];
        double e = Math.exp(-DT / tu);
        double[][] a = {{e * (1 - DT / tu), -e * DT / (tu * tu)}, {e * DT, e * (1 + DT / tu)}};
        double[] bv = {e * DT / (tu * tu), 1 - e * (1 + DT / tu)};
        double[] state = {0, level[u]};
        for (int s = 0; s < STEPS; s++) {
          double in = x[(b * STEPS + s) * UNITS + u];
          state =
              new double[] {
                a[0][0] * state[0] + a[0][1] * state[1] + bv[0] * in,
                a[1][0] * state[0] + a[1][1] * state[1] + bv[1] * in
              };
        }
        assertThat((double) y[b * UNITS + u]).isWithin(1e-6).of(state[1]);
      }
    }
  }

  @Test
  void alpha_constantInput_settlesOnIt_withDefaultWeights() {
    Tensor t = Model.input(Model.NONE, 1).alpha(0.001);
    int steps = 200;
    float[] x = new float[steps];
    java.util.Arrays.fill(x, 2f);

    float[] y = KernelTest.run(t, Gemm.java(), x, 1, steps, 1);

    // default weights: initial level 0, tau 0.001 (its constant initializer)
    assertThat((double) y[0]).isWithin(1e-6).of(2 * (1 - Math.exp(-1) * 2));
    assertThat((double) y[steps - 1]).isWithin(1e-5).of(2);
  }

  private static float[] values(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (2 * Math.sin(0.9 * i + 0.3));
    }
    return a;
  }
}
