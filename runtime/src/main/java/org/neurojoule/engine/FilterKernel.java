package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Filter;

/**
 * KerasSpiking's Lowpass and Alpha at inference, per example, unit and step in double (see {@link
 * Filter} for the update); the output is every step's value, or the last one's.
 */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class FilterKernel implements Kernel<Filter> {
  @Override
  public Class<Filter> spec() {
    return Filter.class;
  }

  @Override
  public Op op(Filter f, KernelInput layer) {
    int[] in = layer.inputShape(0);
    float[][] w = layer.weights();
    return new FilterOp(
        f, in[0], Buffers.intSize(Buffers.prod(in, 1, in.length), "filter units"), w[0], w[1]);
  }

  /** The discretised update's coefficients per unit, computed once. */
  static final class FilterOp extends Op {
    private final boolean alpha;
    private final boolean sequences;
    private final int steps;
    private final int units;
    private final float[] level;
    // Lowpass: y' = a[0] y + a[1] x. Alpha: dy' = a[0] dy + a[1] y + a[2] x,
    // y' = a[3] dy + a[4] y + a[5] x.
    private final double[][] coefficients;

    FilterOp(Filter f, int steps, int units, float[] level, float[] tau) {
      this.alpha = f.kind() == Filter.Kind.ALPHA;
      this.sequences = f.returnSequences();
      this.steps = steps;
      this.units = units;
      this.level = level;
      this.coefficients = new double[units][];
      double dt = f.dt();
      for (int u = 0; u < units; u++) {
        double t = Math.max(tau[u], Filter.MIN_TAU);
        double r = dt / t;
        double e = Math.exp(-r);
        coefficients[u] =
            alpha
                ? new double[] {
                  e * (1 - r), -e * r / t, e * r / t, e * dt, e * (1 + r), 1 - e * (1 + r)
                }
                : new double[] {e, 1 - e};
      }
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      float[] x = inputs[0];
      int inSize = steps * units;
      int outSize = sequences ? inSize : units;
      for (int b = 0; b < n; b++) {
        for (int u = 0; u < units; u++) {
          double[] c = coefficients[u];
          double dy = 0;
          double y = level[u];
          for (int t = 0; t < steps; t++) {
            double v = x[b * inSize + t * units + u];
            if (alpha) {
              double nextDy = c[0] * dy + c[1] * y + c[2] * v;
              y = c[3] * dy + c[4] * y + c[5] * v;
              dy = nextDy;
            } else {
              y = c[0] * y + c[1] * v;
            }
            if (sequences) {
              output[b * outSize + t * units + u] = (float) y;
            }
          }
          if (!sequences) {
            output[b * outSize + u] = (float) y;
          }
        }
      }
    }
  }
}
