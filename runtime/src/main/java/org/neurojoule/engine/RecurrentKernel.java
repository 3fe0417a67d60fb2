package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Recurrent;

/** SimpleRNN, LSTM and GRU: the recurrence step by step, with Keras' gate order and semantics. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class RecurrentKernel implements Kernel<Recurrent> {
  @Override
  public Class<Recurrent> spec() {
    return Recurrent.class;
  }

  @Override
  public Op op(Recurrent r, KernelInput layer) {
    float[][] w = layer.weights();
    return new RecurrentOp(new Cell(r, w, 0));
  }

  /**
   * One direction of a recurrent layer with its weights: kernel {@code (in, g * units)}, recurrent
   * kernel {@code (units, g * units)}, bias {@code (g * units)} or GRU reset-after {@code (2, 3 *
   * units)}, and with {@code recurrentBias} a second bias {@code (g * units)}, from {@code
   * w[first...]}.
   */
  static final class Cell {
    final Recurrent spec;
    final int units;
    final int width;
    final float[] kernel;
    final float[] recurrent;

    /** The input bias, or zeros. */
    final float[] bias;

    /** GRU reset-after: the recurrent bias, else null. */
    final float[] recurrentBias;

    Cell(Recurrent spec, float[][] w, int first) {
      this.spec = spec;
      this.units = spec.units();
      this.width = spec.cell().gates() * units;
      this.kernel = w[first];
      this.recurrent = w[first + 1];
      if (!spec.useBias()) {
        bias = new float[width];
        recurrentBias = spec.resetAfter() ? new float[width] : null;
      } else if (spec.resetAfter()) {
        float[] b = w[first + 2];
        bias = java.util.Arrays.copyOfRange(b, 0, width);
        recurrentBias = java.util.Arrays.copyOfRange(b, width, 2 * width);
      } else if (spec.recurrentBias()) {
        // Outside a reset-after GRU both biases add before any non-linearity: one sum is exact.
        float[] input = w[first + 2];
        float[] second = w[first + 3];
        bias = new float[width];
        for (int j = 0; j < width; j++) {
          bias[j] = input[j] + second[j];
        }
        recurrentBias = null;
      } else {
        bias = w[first + 2];
        recurrentBias = null;
      }
    }

    /**
     * Runs one example: {@code x} holds {@code time * in} values from {@code xOff}; writes every
     * step's state (in processing order) or the last one to {@code out} from {@code outOff}.
     */
    void run(float[] x, int xOff, int time, int in, float[] out, int outOff) {
      float[] h = new float[units];
      float[] c = new float[units];
      float[] zx = new float[width];
      float[] zh = new float[width];
      for (int s = 0; s < time; s++) {
        int t = spec.goBackwards() ? time - 1 - s : s;
        project(x, xOff + t * in, in, kernel, bias, zx);
        project(h, 0, units, recurrent, recurrentBias, zh);
        step(h, c, zx, zh);
        if (spec.returnSequences()) {
          System.arraycopy(h, 0, out, outOff + s * units, units);
        }
      }
      if (!spec.returnSequences()) {
        System.arraycopy(h, 0, out, outOff, units);
      }
    }

    /** {@code z = v W (+ b)}: v has {@code n} values, W is {@code (n, width)} row-major. */
    private void project(float[] v, int off, int n, float[] w, float[] b, float[] z) {
      if (b == null) {
        java.util.Arrays.fill(z, 0f);
      } else {
        System.arraycopy(b, 0, z, 0, width);
      }
      for (int k = 0; k < n; k++) {
        float vk = v[off + k];
        if (vk == 0f) {
          continue;
        }
        int row = k * width;
        for (int j = 0; j < width; j++) {
          z[j] += vk * w[row + j];
        }
      }
    }

    /** One step from the input part {@code zx} and recurrent part {@code zh} of every gate. */
    private void step(float[] h, float[] c, float[] zx, float[] zh) {
      Activation act = spec.activation();
      Activation gate = spec.recurrentActivation();
      int u = units;
      switch (spec.cell()) {
        case SIMPLE_RNN -> {
          for (int j = 0; j < u; j++) {
            h[j] = zx[j] + zh[j];
          }
          Activations.apply(act, h, 0, 1, u);
        }
        case LSTM -> {
          for (int j = 0; j < width; j++) {
            zx[j] += zh[j];
          }
          Activations.apply(gate, zx, 0, 1, 2 * u); // i, f
          Activations.apply(act, zx, 2 * u, 1, u); // cell candidate
          Activations.apply(gate, zx, 3 * u, 1, u); // o
          for (int j = 0; j < u; j++) {
            c[j] = zx[u + j] * c[j] + zx[j] * zx[2 * u + j];
            h[j] = c[j];
          }
          Activations.apply(act, h, 0, 1, u);
          for (int j = 0; j < u; j++) {
            h[j] *= zx[3 * u + j];
          }
        }
        case GRU -> {
          for (int j = 0; j < 2 * u; j++) {
            zx[j] += zh[j];
          }
          Activations.apply(gate, zx, 0, 1, 2 * u); // z, r
          if (spec.resetAfter()) {
            for (int j = 0; j < u; j++) {
              zx[2 * u + j] += zx[u + j] * zh[2 * u + j];
            }
          } else {
            // The reset gate scales the state before its recurrent product: recompute that part.
            float[] rh = new float[u];
            for (int j = 0; j < u; j++) {
              rh[j] = zx[u + j] * h[j];
            }
            for (int k = 0; k < u; k++) {
              int row = k * width + 2 * u;
              for (int j = 0; j < u; j++) {
                zx[2 * u + j] += rh[k] * recurrent[row + j];
              }
            }
          }
          Activations.apply(act, zx, 2 * u, 1, u);
          for (int j = 0; j < u; j++) {
            h[j] = zx[j] * h[j] + (1 - zx[j]) * zx[2 * u + j];
          }
        }
        default -> throw new IllegalStateException(spec.cell().toString());
      }
    }
  }

  /** An op on a {@code (time, features)} input that reads one example's sizes when prepared. */
  abstract static class SequenceOp extends Op {
    /** The steps of one example. */
    int time;

    /** The features of one step. */
    int in;

    /** The size of one example's output. */
    int outSize;

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      this.time = in[0][0];
      this.in = in[0][1];
      this.outSize =
          Buffers.intSize(
              Buffers.prod(out, 0, out.length), "the recurrent layer's output for one example");
    }
  }

  /** A recurrent layer on a batch: examples run in parallel, steps in order. */
  static final class RecurrentOp extends SequenceOp {
    private final Cell cell;

    RecurrentOp(Cell cell) {
      this.cell = cell;
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      int inSize = time * in;
      Parallel.forRange(
          n,
          1,
          (from, to) -> {
            for (int b = from; b < to; b++) {
              cell.run(inputs[0], b * inSize, time, in, output, b * outSize);
            }
          });
    }
  }
}
