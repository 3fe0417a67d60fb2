package org.neurojoule.engine;

import java.util.SplittableRandom;
import org.neurojoule.layer.Activation;

/**
 * KerasSpiking's SpikingActivation over the time axis: per element {@code v += act(x) * dt}, {@code
 * n = floor(v)}, {@code v -= n}, output {@code n / dt}; initial {@code v} uniform in [0, 1), drawn
 * per example from the layer's seed and the example's index in the data (so results do not depend
 * on the batch size).
 */
final class SpikingOp extends Op {
  final Activation activation;
  final float dt;
  final long seed;
  int steps;
  int units;
  int c;

  SpikingOp(Activation activation, double dt, long seed) {
    this.activation = activation;
    this.dt = (float) dt;
    this.seed = seed;
  }

  @Override
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
    steps = in[0][0];
    units = (int) Buffers.prod(in[0], 1, in[0].length);
    c = in[0][in[0].length - 1];
  }

  @Override
  void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
    float[] x = in[0];
    long first = ctx.firstExample;
    Parallel.forRange(
        n,
        1,
        (from, to) -> {
          float[] v = new float[units];
          float[] a = new float[units];
          for (int b = from; b < to; b++) {
            initialVoltages(seed, first + b, v);
            for (int t = 0; t < steps; t++) {
              int base = (b * steps + t) * units;
              System.arraycopy(x, base, a, 0, units);
              Activations.apply(activation, a, 0, units / c, c);
              for (int u = 0; u < units; u++) {
                float vu = v[u] + a[u] * dt;
                float spikes = (float) Math.floor(vu);
                v[u] = vu - spikes;
                out[base + u] = spikes / dt;
              }
            }
          }
        });
  }

  static void initialVoltages(long seed, long example, float[] v) {
    SplittableRandom r = new SplittableRandom(WeightInit.mix(seed, example));
    for (int i = 0; i < v.length; i++) {
      v[i] = (r.nextInt() >>> 8) * 0x1.0p-24f;
    }
  }
}
