package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.ConvTranspose;

/**
 * Conv1D/2D/3DTranspose as a direct scatter: input entry {@code i} adds {@code x[i] * w[t]} to
 * output position {@code i * s + t * d - pad} for every kernel tap {@code t}; then bias and
 * activation. Sums in double, one example at a time.
 */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class ConvTransposeKernel implements Kernel<ConvTranspose> {
  @Override
  public Class<ConvTranspose> spec() {
    return ConvTranspose.class;
  }

  @Override
  public Op op(ConvTranspose c, KernelInput layer) {
    float[][] w = layer.weights();
    return new ConvTransposeOp(c, w[0], c.useBias() ? w[1] : null);
  }

  /** Spatial axes padded to three (leading axes of length 1), as the other window ops do. */
  static final class ConvTransposeOp extends Op {
    private final ConvTranspose spec;
    private final float[] kernel;
    private final float[] bias;
    private final int[] in = new int[3];
    private final int[] out = new int[3];
    private final int[] k = new int[3];
    private final int[] s = new int[3];
    private final int[] d = new int[3];
    private final int[] pad = new int[3];
    private int cin;
    private int cout;
    private double[] acc;

    ConvTransposeOp(ConvTranspose spec, float[] kernel, float[] bias) {
      this.spec = spec;
      this.kernel = kernel;
      this.bias = bias;
    }

    @Override
    void prepare(Ctx ctx, int[][] inShape, int[] outShape, int maxN) {
      int rank = spec.rank();
      int[] before = spec.padBefore(inShape[0], outShape);
      java.util.Arrays.fill(in, 1);
      java.util.Arrays.fill(out, 1);
      java.util.Arrays.fill(k, 1);
      java.util.Arrays.fill(s, 1);
      java.util.Arrays.fill(d, 1);
      java.util.Arrays.fill(pad, 0);
      for (int i = 0; i < rank; i++) {
        int a = 3 - rank + i;
        in[a] = inShape[0][i];
        out[a] = outShape[i];
        k[a] = spec.kernelSize().get(i);
        s[a] = spec.strides().get(i);
        d[a] = spec.dilationRate().get(i);
        pad[a] = before[i];
      }
      cin = inShape[0][rank];
      cout = outShape[rank];
      acc =
          Buffers.doubles(
              Buffers.prod(outShape, 0, outShape.length),
              "the transposed convolution's sums for one example");
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      float[] x = inputs[0];
      int inSize = in[0] * in[1] * in[2] * cin;
      int outSize = acc.length;
      for (int b = 0; b < n; b++) {
        java.util.Arrays.fill(acc, 0);
        for (int i0 = 0; i0 < in[0]; i0++) {
          for (int i1 = 0; i1 < in[1]; i1++) {
            for (int i2 = 0; i2 < in[2]; i2++) {
              int src = b * inSize + ((i0 * in[1] + i1) * in[2] + i2) * cin;
              scatter(x, src, i0, i1, i2);
            }
          }
        }
        int off = b * outSize;
        for (int o = 0; o < outSize; o++) {
          output[off + o] = (float) (acc[o] + (bias == null ? 0 : bias[o % cout]));
        }
        if (spec.activation() != Activation.LINEAR) {
          Activations.apply(spec.activation(), output, off, outSize / cout, cout);
        }
      }
    }

    /** Adds one input position's contribution, all taps and filters. */
    private void scatter(float[] x, int src, int i0, int i1, int i2) {
      for (int t0 = 0; t0 < k[0]; t0++) {
        // Positions in long: a huge dilation must not wrap.
        long o0 = (long) i0 * s[0] + (long) t0 * d[0] - pad[0];
        if (o0 < 0 || o0 >= out[0]) {
          continue;
        }
        for (int t1 = 0; t1 < k[1]; t1++) {
          long o1 = (long) i1 * s[1] + (long) t1 * d[1] - pad[1];
          if (o1 < 0 || o1 >= out[1]) {
            continue;
          }
          for (int t2 = 0; t2 < k[2]; t2++) {
            long o2 = (long) i2 * s[2] + (long) t2 * d[2] - pad[2];
            if (o2 < 0 || o2 >= out[2]) {
              continue;
            }
            int dst = (int) (((o0 * out[1] + o1) * out[2] + o2) * cout);
            int tap = ((t0 * k[1] + t1) * k[2] + t2) * cout * cin;
            for (int f = 0; f < cout; f++) {
              double sum = 0;
              int wf = tap + f * cin;
              for (int c = 0; c < cin; c++) {
                sum += x[src + c] * (double) kernel[wf + c];
              }
              acc[dst + f] += sum;
            }
          }
        }
      }
    }
  }
}
