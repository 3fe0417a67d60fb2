package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Delay;
import org.neurojoule.shape.Shape;

/**
 * Delay, in the spiking simulation only: unit {@code u} outputs its input of {@code round(delay_u /
 * dt)} steps before, 0 before that, from a ring of the last {@code longest + 1} steps' inputs.
 */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class DelayKernel implements Kernel<Delay> {
  @Override
  public Class<Delay> spec() {
    return Delay.class;
  }

  @Override
  public Op op(Delay spec, KernelInput layer) {
    return null;
  }

  @Override
  public Op stepOp(Delay spec, KernelInput layer) {
    return new DelayOp(spec, layer);
  }

  /** The ring of past inputs and each unit's delay in steps. */
  static final class DelayOp extends StepOp {
    private final Delay spec;
    private final KernelInput layer;
    private int[] delaySteps;
    private float[] ring;
    private int ringSlots;
    private int units;
    private int slot;
    private int t;

    DelayOp(Delay spec, KernelInput layer) {
      this.spec = spec;
      this.layer = layer;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      String what = layer.layer() + " on a step of " + Shape.of(out).toKerasString();
      int size = Buffers.intSize(Buffers.prod(out, 0, out.length), what);
      double dt = layer.timestep().dt();
      delaySteps = new int[size];
      long longest = 0;
      for (int u = 0; u < size; u++) {
        long steps = Math.round(spec.delay().at(u) / dt);
        longest = Math.max(longest, steps);
        delaySteps[u] = (int) Math.min(steps, Integer.MAX_VALUE);
      }
      ringSlots = Buffers.intSize(longest + 1, what + ": its delay of " + longest + " steps");
      ring =
          Buffers.floats(
              Buffers.times(ringSlots, Buffers.times(maxN, size)),
              what + ": its delay buffer of " + ringSlots + " steps");
      units = size;
      slot = maxN * size;
    }

    @Override
    void startSequences(int n) {
      java.util.Arrays.fill(ring, 0);
      t = 0;
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      System.arraycopy(inputs[0], 0, ring, (t % ringSlots) * slot, n * units);
      for (int b = 0; b < n; b++) {
        for (int u = 0; u < units; u++) {
          int from = t - delaySteps[u];
          output[b * units + u] = from < 0 ? 0f : ring[(from % ringSlots) * slot + b * units + u];
        }
      }
      t++;
    }
  }
}
