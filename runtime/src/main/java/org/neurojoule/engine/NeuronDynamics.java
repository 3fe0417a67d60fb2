package org.neurojoule.engine;

import org.neurojoule.Integration;
import org.neurojoule.Reset;
import org.neurojoule.layer.NeuronKind;
import org.neurojoule.layer.PerUnit;
import org.neurojoule.layer.SpikingNeuron;

/**
 * One layer of NIR neurons stepped over a timestep {@code dt} with forward Euler, the scheme of
 * Norse and of snnTorch's NIR import, or exactly ({@link Integration#EXACT}: decays {@code
 * exp(-dt/tau)}, gains {@code 1 - exp(-dt/tau)}), in float64 per unit and sequence.
 *
 * <p>Per step, with input {@code x}: CubaLI/CubaLIF first update the synaptic current {@code i +=
 * dt/tauSyn (-i + wIn x)} and feed the new {@code i} on (snnTorch's order; Norse updates v from the
 * previous step's i); LI/LIF/CubaLI/CubaLIF: {@code v += dt/tau (vLeak - v + r x)}, then (LIF,
 * CubaLIF) spike. I and IF: {@code v += r x} per step, not NIR's {@code dt r x}: Sinabs, snnTorch
 * and Norse export their discrete {@code v += x} as {@code r = 1}, so dt is absorbed into r. A
 * neuron spikes when {@code v > vThreshold} (strictly, as Norse's Heaviside) and then resets to
 * {@code vReset} or, by {@link Reset#SUBTRACT}, loses {@code vThreshold}. Integrators output {@code
 * v}, spiking kinds 0 or 1, Threshold {@code x > threshold}. State starts at 0 (v, i) for every
 * sequence.
 */
final class NeuronDynamics {
  private final NeuronKind kind;
  private final int units;
  private final Reset reset;
  private final double[] leak;
  private final double[] inGain;
  private final double[] vLeak;
  private final double[] threshold;
  private final double[] vReset;
  private final double[] synDecay;
  private final double[] synGain;

  /** Membrane voltage and synaptic current, {@code maxN x units}. */
  final double[] v;

  final double[] i;

  NeuronDynamics(SpikingNeuron spec, int units, int maxN, KernelInput.Timestep clock, String what) {
    double dt = clock.dt();
    boolean exact = clock.integration() == Integration.EXACT;
    this.kind = spec.kind();
    this.units = units;
    this.reset = clock.reset();
    boolean leaky = has(spec, "tau") || has(spec, "tauMem");
    String tau = has(spec, "tau") ? "tau" : "tauMem";
    leak = new double[units];
    inGain = new double[units];
    vLeak = new double[units];
    threshold = new double[units];
    vReset = new double[units];
    synDecay = new double[units];
    synGain = new double[units];
    for (int u = 0; u < units; u++) {
      double r = value(spec, "r", u, 1);
      // I and IF: v += r x per step, dt absorbed into r, as every framework exporting them
      // (Sinabs, snnTorch, Norse) writes r = 1 for its discrete v += x.
      // The share of the way to the input's steady state covered in one step: dt/tau (Euler) or
      // 1 - exp(-dt/tau) (exact), so that v' = v + a (vLeak - v + r x).
      double a = leaky ? share(dt, spec.constant(tau).at(u), exact) : 1;
      if (leaky && a > 1) {
        throw new IllegalArgumentException(
            what
                + ": dt "
                + dt
                + " is longer than its "
                + tau
                + " "
                + spec.constant(tau).at(u)
                + ", so forward Euler would overshoot; use a"
                + " dt <= "
                + tau
                + clock.overshootAdvice());
      }
      leak[u] = leaky ? a : 0;
      inGain[u] = a * r;
      vLeak[u] = value(spec, "vLeak", u, 0);
      threshold[u] =
          kind == NeuronKind.THRESHOLD
              ? spec.constant("threshold").at(u)
              : value(spec, "vThreshold", u, Double.POSITIVE_INFINITY);
      vReset[u] = value(spec, "vReset", u, 0);
      if (has(spec, "tauSyn")) {
        double b = share(dt, spec.constant("tauSyn").at(u), exact);
        if (b > 1) {
          throw new IllegalArgumentException(
              what
                  + ": dt "
                  + dt
                  + " is longer than its tauSyn "
                  + spec.constant("tauSyn").at(u)
                  + ", so forward Euler would overshoot; use a dt <="
                  + " tauSyn"
                  + clock.overshootAdvice());
        }
        synDecay[u] = 1 - b;
        synGain[u] = b * spec.constant("wIn").at(u);
      }
    }
    v = Buffers.doubles(Buffers.times(maxN, units), what + ": its membrane state");
    i =
        has(spec, "tauSyn")
            ? Buffers.doubles(Buffers.times(maxN, units), what + ": its synaptic current")
            : null;
    blockRows = Math.max(1, Math.min(maxN, 512 / Math.max(1, units)));
    leakT = tiled(leak, blockRows);
    vLeakT = tiled(vLeak, blockRows);
    inGainT = tiled(inGain, blockRows);
    thresholdT = tiled(threshold, blockRows);
    vResetT = tiled(vReset, blockRows);
    synDecayT = tiled(synDecay, blockRows);
    synGainT = tiled(synGain, blockRows);
    vRow = new double[Parallel.THREADS][blockRows * units];
    iRow = new double[Parallel.THREADS][i == null ? 0 : blockRows * units];
  }

  /** Euler's dt/tau, or the exact {@code 1 - exp(-dt/tau)} (never above 1). */
  private static double share(double dt, double tau, boolean exact) {
    return exact ? -Math.expm1(-dt / tau) : dt / tau;
  }

  private static boolean has(SpikingNeuron spec, String constant) {
    return spec.kind().constants().contains(constant);
  }

  private static double value(SpikingNeuron spec, String constant, int unit, double absent) {
    if (!has(spec, constant)) {
      return absent;
    }
    PerUnit p = spec.constant(constant);
    return p.at(unit);
  }

  /**
   * Whether every output is 0 or 1 (spiking kinds and Threshold), so Σ|out| is its nonzero count.
   */
  boolean binary() {
    return kind == NeuronKind.THRESHOLD || kind.emitsSpikes();
  }

  /** Sets every state of the first {@code n} sequences to 0: a new sequence starts. */
  void reset(int n) {
    java.util.Arrays.fill(v, 0, n * units, 0);
    if (i != null) {
      java.util.Arrays.fill(i, 0, n * units, 0);
    }
  }

  /** Sequences per block of {@link #stepRows}: enough values for long vector loops. */
  final int blockRows;

  /** The per-unit constants repeated for a block's rows, so that every loop runs on one index. */
  private final double[] leakT;

  private final double[] vLeakT;
  private final double[] inGainT;
  private final double[] thresholdT;
  private final double[] vResetT;
  private final double[] synDecayT;
  private final double[] synGainT;

  /** Each part's copy of a block's v and i. */
  private final double[][] vRow;

  private final double[][] iRow;

  private static double[] tiled(double[] perUnit, int rows) {
    double[] t = new double[perUnit.length * rows];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(perUnit, 0, t, r * perUnit.length, perUnit.length);
    }
    return t;
  }

  /**
   * One step of the {@code rows} (at most {@link #blockRows}) sequences from {@code b} on part
   * {@code part}'s scratch: reads their inputs from {@code x[0 .. rows x units)}, writes their
   * outputs, and returns how many are nonzero (for spiking kinds: the spikes). The arithmetic is
   * the per-unit update of the class comment, in loops over one index that the JIT vectorises, then
   * the threshold.
   */
  long stepRows(int part, int b, int rows, double[] x, float[] out) {
    int base = b * units;
    int len = rows * units;
    long nonzero = 0;
    if (kind == NeuronKind.THRESHOLD) {
      for (int j = 0; j < len; j++) {
        boolean fires = x[j] > thresholdT[j];
        out[base + j] = fires ? 1f : 0f;
        nonzero += fires ? 1 : 0;
      }
      return nonzero;
    }
    double[] vs = vRow[part];
    double[] in = x;
    System.arraycopy(v, base, vs, 0, len);
    if (i != null) {
      double[] is = iRow[part];
      System.arraycopy(i, base, is, 0, len);
      for (int j = 0; j < len; j++) {
        is[j] = synDecayT[j] * is[j] + synGainT[j] * x[j];
      }
      System.arraycopy(is, 0, i, base, len);
      in = is;
    }
    for (int j = 0; j < len; j++) {
      vs[j] = vs[j] + leakT[j] * (vLeakT[j] - vs[j]) + inGainT[j] * in[j];
    }
    if (!kind.emitsSpikes()) {
      for (int j = 0; j < len; j++) {
        float o = (float) vs[j];
        out[base + j] = o;
        nonzero += o != 0f ? 1 : 0;
      }
    } else {
      boolean subtract = reset == Reset.SUBTRACT;
      for (int j = 0; j < len; j++) {
        if (vs[j] > thresholdT[j]) {
          out[base + j] = 1f;
          vs[j] = subtract ? vs[j] - thresholdT[j] : vResetT[j];
          nonzero++;
        } else {
          out[base + j] = 0f;
        }
      }
    }
    System.arraycopy(vs, 0, v, base, len);
    return nonzero;
  }
}
