package org.neurojoule;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.Padding;
import org.neurojoule.layer.WeightShapes;
import org.neurojoule.shape.Shape;

/**
 * Random networks, options, weights and data through the public API, friendly and hostile: each
 * case must either give finite, non-negative figures that do not depend on how the data is split
 * into batches, or fail with a clear error (an {@link IllegalArgumentException} or {@link
 * IllegalStateException} with a message of our own); never another exception, a JVM error or a
 * hang.
 *
 * <p>{@code mvn verify} runs {@value #DEFAULT_CASES} cases (a few seconds), in the second surefire
 * pass on the pure-Java multiply too. For a release, run a longer one: {@code mvn -pl runtime -am
 * test -Dtest=FuzzTest -Dneurojoule.fuzz.cases=20000 -Dneurojoule.fuzz.seed=$RANDOM}; a failure
 * prints the seed and case number and the calls that built the case; {@code
 * -Dneurojoule.fuzz.trace=true} also prints each case that ended in a clear error, with it.
 *
 * <p>Besides the layers of the Keras importer, cases draw grouped convolutions, spiking neurons
 * (with their constants, sometimes hostile or of the wrong length, and recurrent weights), delays,
 * scales, sum pooling, matMul, stored tensors added or joined (AddWeight, ConcatWeight), padding
 * modes and values, and recurrent layers with a second bias; estimates with the MAC_AC and
 * MEMORY_AWARE energy models on catalogue devices; {@code model.predict}; and, for networks with
 * neurons, the spiking simulation on sequence data of right and wrong shapes with hostile {@code
 * dt}. A layer the forward pass or the simulation has no kernel for is refused with an {@link
 * UnsupportedOperationException} that says it "cannot run in" them: that counts as clear.
 */
class FuzzTest {
  static final int DEFAULT_CASES = 400;
  private static final Duration HANG = Duration.ofSeconds(30);
  private static final Activation[] ACTIVATIONS = Activation.values();
  private static final Accounting[] ACCOUNTINGS = Accounting.values();
  private static final AtomicInteger ESTIMATED = new AtomicInteger();
  private static final AtomicInteger WITH_DATA = new AtomicInteger();
  private static final AtomicInteger SIMULATED = new AtomicInteger();

  @Test
  void randomAndHostileInputs_giveFiguresOrClearErrors() {
    long seed = Long.getLong("neurojoule.fuzz.seed", 20261201L);
    int cases = Integer.getInteger("neurojoule.fuzz.cases", DEFAULT_CASES);
    List<AssertionError> failures = new ArrayList<>();
    for (int i = 0; i < cases && failures.size() < 20; i++) {
      FuzzCase c = new FuzzCase(new Random(seed * 1_000_003L + i));
      try {
        assertTimeoutPreemptively(HANG, c::run);
      } catch (AssertionError e) {
        failures.add(new AssertionError(header(seed, i, c) + e.getMessage(), e));
      } catch (Throwable e) {
        failures.add(new AssertionError(header(seed, i, c) + "unexpected " + e, e));
      }
    }
    System.out.printf(
        "FuzzTest: %d cases (seed %d): %d estimated, %d of them with data, %d"
            + " simulated; the rest ended in a clear error%n",
        cases, seed, ESTIMATED.get(), WITH_DATA.get(), SIMULATED.get());
    if (!failures.isEmpty()) {
      AssertionError all =
          new AssertionError(
              failures.size()
                  + " failing case(s)"
                  + (failures.size() == 20 ? " (stopped at 20)" : "")
                  + "; the first:\n"
                  + failures.get(0).getMessage());
      failures.forEach(all::addSuppressed);
      throw all;
    }
  }

  private static String header(long seed, int n, FuzzCase c) {
    return "fuzz seed " + seed + " case " + n + ":\n  " + String.join("\n  ", c.recipe) + "\n";
  }

  /** One random case: builds a network step by step, recording the calls in {@link #recipe}. */
  private static final class FuzzCase {
    final Random r;
    final List<String> recipe = new ArrayList<>();
    boolean hasNeurons;

    FuzzCase(Random r) {
      this.r = r;
    }

    void run() {
      if (r.nextInt(5) == 0) {
        spikingRun();
        return;
      }
      int[] inputShape = inputShape();
      Tensor x = step("Model.input" + Arrays.toString(inputShape), () -> Model.input(inputShape));
      if (x == null) {
        return;
      }
      int layers = 1 + r.nextInt(6);
      for (int i = 0; i < layers; i++) {
        Tensor next = step(x);
        if (next == null) {
          return;
        }
        x = next;
      }
      Model model = stepValue("Model.of", x::model);
      if (model == null) {
        return;
      }
      if (r.nextInt(4) == 0 && !weights(model)) {
        return;
      }
      if (hasNeurons && r.nextInt(2) == 0) {
        simulation(model, inputShape);
        return;
      }
      boolean withData = r.nextInt(3) != 0;
      ExampleData data = withData ? data(inputShape) : null;
      if (withData && data == null) {
        return;
      }
      Accounting accounting = ACCOUNTINGS[r.nextInt(ACCOUNTINGS.length)];
      int batch = r.nextInt(8) == 0 ? -r.nextInt(3) : 1 + r.nextInt(6);
      EnergyModel energyModel = r.nextInt(3) == 0 ? energyModel() : null;
      UnaryOperator<EnergyOptions> options =
          e -> {
            EnergyOptions o = e.accounting(accounting).batchSize(batch).logWarnings(false);
            if (energyModel != null) {
              o = o.energyModel(energyModel);
            }
            return data == null ? o : o.exampleData(data);
          };
      if (data != null && r.nextInt(3) == 0) {
        predict(model, data);
      }
      ModelEnergy energy =
          stepValue(
              "energy(accounting "
                  + accounting
                  + ", batchSize "
                  + batch
                  + (energyModel == null ? "" : ", energyModel " + energyModel)
                  + ")",
              () -> model.energy(options));
      if (energy == null) {
        return;
      }
      ESTIMATED.incrementAndGet();
      if (data != null) {
        WITH_DATA.incrementAndGet();
      }
      checkFigures(model, energy, data);
      if (data != null) {
        checkBatchInvariance(model, energy, data, accounting);
      }
      summary(energy, data != null);
    }

    /** A network built for the spiking simulation: synapses, neurons, pooling, delays. */
    private void spikingRun() {
      boolean image = r.nextBoolean();
      int[] inputShape =
          image
              ? new int[] {2 + r.nextInt(6), 2 + r.nextInt(6), 1 + r.nextInt(3)}
              : new int[] {1 + r.nextInt(12)};
      Tensor x = step("Model.input" + Arrays.toString(inputShape), () -> Model.input(inputShape));
      int layers = 1 + r.nextInt(5);
      for (int i = 0; i < layers && x != null; i++) {
        Tensor in = x;
        int rank = in.shape().rank();
        x =
            switch (r.nextInt(rank == 3 ? 6 : 4)) {
              case 0, 1 -> neuron(in, in.shape());
              case 2 -> {
                int u = 3 + i;
                yield step("dense(" + u + ")", () -> in.dense(u));
              }
              case 3 -> newestLayer(in, rank);
              case 4 ->
                  step("conv2d(3, 3, same)", () -> in.conv2d(3, 3, c -> c.padding(Padding.SAME)));
              default -> step("sumPooling2d(2)", () -> in.sumPooling2d(2));
            };
      }
      if (x == null) {
        return;
      }
      if (!hasNeurons) {
        Tensor in = x;
        x = neuron(in, in.shape());
        if (x == null) {
          return;
        }
      }
      Model model = stepValue("Model.of", x::model);
      if (model == null || (r.nextInt(4) == 0 && !weights(model))) {
        return;
      }
      simulation(model, inputShape);
    }

    // ---- the network ----

    private int[] inputShape() {
      int rank = 1 + r.nextInt(4);
      int[] shape = new int[rank];
      for (int i = 0; i < rank; i++) {
        shape[i] = 1 + r.nextInt(9);
      }
      if (rank >= 2 && r.nextInt(5) == 0) {
        shape[0] = Model.NONE;
      }
      if (r.nextInt(40) == 0) {
        shape[r.nextInt(rank)] = hostileInt();
      }
      return shape;
    }

    private Tensor step(Tensor x) {
      int rank = x.shape().rank();
      if (r.nextInt(5) == 0) {
        return newestLayer(x, rank);
      }
      if (r.nextInt(3) == 0) {
        return newerLayer(x, rank);
      }
      switch (r.nextInt(22)) {
        case 0:
          {
            int units = size(16);
            return step(
                "dense(" + units + ")",
                () -> x.dense(units, d -> d.activation(act()).useBias(r.nextBoolean())));
          }
        case 1:
          {
            int f = size(6);
            int k = size(4);
            int s = small();
            int d = r.nextInt(6) == 0 ? hostileInt() : 1;
            Padding p = pad();
            int convRank = Math.max(1, Math.min(3, rank - 1));
            String call =
                "conv"
                    + convRank
                    + "d("
                    + f
                    + ", "
                    + k
                    + ", strides "
                    + s
                    + ", dilation "
                    + d
                    + ", "
                    + p
                    + ")";
            return step(
                call,
                () -> {
                  UnaryOperator<org.neurojoule.layer.Conv> c =
                      cc -> d > 1 ? cc.dilationRate(d).padding(p) : cc.strides(s).padding(p);
                  return switch (convRank) {
                    case 1 -> x.conv1d(f, k, c);
                    case 2 -> x.conv2d(f, k, c);
                    default -> x.conv3d(f, k, c);
                  };
                });
          }
        case 2:
          {
            int k = size(4);
            int dm = size(3);
            Padding p = pad();
            int d = r.nextInt(6) == 0 ? hostileInt() : 1;
            return step(
                "depthwiseConv2d(" + k + ", dm " + dm + ", dilation " + d + ", " + p + ")",
                () -> x.depthwiseConv2d(k, c -> c.depthMultiplier(dm).padding(p).dilationRate(d)));
          }
        case 3:
          {
            int f = size(5);
            int k = size(3);
            int s = small();
            Padding p = pad();
            return step(
                "separableConv2d(" + f + ", " + k + ", strides " + s + ", " + p + ")",
                () -> x.separableConv2d(f, k, c -> c.strides(s).padding(p)));
          }
        case 4:
        case 5:
          {
            int k = r.nextInt(8) == 0 ? hostileInt() : size(3);
            int s = r.nextInt(8) == 0 ? hostileInt() : small();
            Padding p = pad();
            boolean max = r.nextBoolean();
            int poolRank = Math.max(1, Math.min(3, rank - 1));
            String call =
                (max ? "max" : "average")
                    + "Pooling"
                    + poolRank
                    + "d("
                    + k
                    + ", strides "
                    + s
                    + ", "
                    + p
                    + ")";
            return step(
                call,
                () -> {
                  UnaryOperator<org.neurojoule.layer.Pooling> c = pp -> pp.strides(s).padding(p);
                  return switch (poolRank * (max ? 1 : -1)) {
                    case 1 -> x.maxPooling1d(k, c);
                    case 2 -> x.maxPooling2d(k, c);
                    case 3 -> x.maxPooling3d(k, c);
                    case -1 -> x.averagePooling1d(k, c);
                    case -2 -> x.averagePooling2d(k, c);
                    default -> x.averagePooling3d(k, c);
                  };
                });
          }
        case 6:
          return step("relu", x::relu);
        case 7:
          {
            double slope = hostileDouble();
            return step(
                "relu(negativeSlope " + slope + ")", () -> x.relu(c -> c.negativeSlope(slope)));
          }
        case 8:
          {
            double alpha = hostileDouble();
            return step("leakyRelu(alpha " + alpha + ")", () -> x.leakyRelu(c -> c.alpha(alpha)));
          }
        case 9:
          {
            Activation a = act();
            return step("activation(" + a + ")", () -> x.activation(a));
          }
        case 10:
          {
            double eps = r.nextInt(4) == 0 ? hostileDouble() : 1e-3;
            return step(
                "batchNormalization(epsilon " + eps + ")",
                () -> x.batchNormalization(b -> b.epsilon(eps)));
          }
        case 11:
          {
            Activation a = act();
            double dt = r.nextInt(4) == 0 ? hostileDouble() : 0.001;
            return step(
                "spikingActivation(" + a + ", dt " + dt + ")",
                () -> x.spikingActivation(a, s -> s.dt(dt)));
          }
        case 12:
          {
            Activation a = act();
            return step(
                "timeDistributed(spikingActivation(" + a + "))",
                () -> x.timeDistributed(t -> t.spikingActivation(a)));
          }
        case 13:
          {
            int units = size(8);
            return step(
                "timeDistributed(dense(" + units + "))",
                () -> x.timeDistributed(t -> t.dense(units)));
          }
        case 14:
          return step("flatten", x::flatten);
        case 15:
          {
            double rate = r.nextInt(5) == 0 ? hostileDouble() : 0.5;
            return step("dropout(" + rate + ")", () -> x.dropout(rate));
          }
        case 16:
          {
            int[] target = reshapeTarget(x.shape());
            return step("reshape" + Arrays.toString(target), () -> x.reshape(target));
          }
        case 17:
          return step("add(relu, leakyRelu)", () -> Tensor.add(x.relu(), x.leakyRelu()));
        case 18:
          {
            int axis = -1 - r.nextInt(Math.max(1, rank));
            return step(
                "concatenate(relu, activation(tanh), axis " + axis + ")",
                () ->
                    Tensor.concatenate(
                        List.of(x.relu(), x.activation(Activation.TANH)), c -> c.axis(axis)));
          }
        case 19:
          return step("layer().apply (reuse)", () -> x.layer().apply(x));
        case 20:
          return step(
              rank == 4 ? "globalAveragePooling2d" : "globalMaxPooling1d",
              () -> rank == 4 ? x.globalAveragePooling2d() : x.globalMaxPooling1d());
        default:
          {
            int units = size(16);
            return step("dense(" + units + ").relu()", () -> x.dense(units).relu());
          }
      }
    }

    /** Grouped convolutions, spiking neurons and their companions, and matMul. */
    private Tensor newestLayer(Tensor x, int rank) {
      int spatial = Math.max(1, Math.min(3, rank - 1));
      Shape shape = x.shape();
      int last = rank > 0 && shape.isDefined(rank - 1) ? shape.get(rank - 1) : 1;
      switch (r.nextInt(8)) {
        case 0:
        case 1:
          {
            int[] choices = {1, 2, 3, 4, last, Math.max(1, last / 2), last + 1};
            int g = r.nextInt(8) == 0 ? hostileInt() : choices[r.nextInt(choices.length)];
            int f = r.nextInt(3) == 0 ? size(8) : g * (1 + r.nextInt(3));
            int k = size(3);
            int s = small();
            Padding p = pad();
            return step(
                "conv"
                    + spatial
                    + "d("
                    + f
                    + ", "
                    + k
                    + ", groups "
                    + g
                    + ", strides "
                    + s
                    + ", "
                    + p
                    + ")",
                () -> {
                  UnaryOperator<org.neurojoule.layer.Conv> c =
                      cc -> cc.groups(g).strides(s).padding(p);
                  return switch (spatial) {
                    case 1 -> x.conv1d(f, k, c);
                    case 2 -> x.conv2d(f, k, c);
                    default -> x.conv3d(f, k, c);
                  };
                });
          }
        case 2:
        case 3:
          return neuron(x, shape);
        case 4:
          {
            int kind = r.nextInt(3);
            if (kind == 0) {
              double[] d = perUnit(shape, 0.002);
              return step("delay(" + Arrays.toString(d) + ")", () -> x.delay(d));
            }
            if (kind == 1) {
              return step("scale", x::scale);
            }
            int k = r.nextInt(8) == 0 ? hostileInt() : size(3);
            int s = r.nextInt(8) == 0 ? hostileInt() : small();
            Padding p = pad();
            return step(
                "sumPooling2d(" + k + ", strides " + s + ", " + p + ")",
                () -> x.sumPooling2d(new int[] {k, k}, c -> c.strides(s).padding(p)));
          }
        case 5:
          {
            // A stored tensor added (broadcast over the leading axes) or joined on an axis.
            int[] stored = new int[Math.max(1, r.nextInt(rank + 1))];
            for (int i = 0; i < stored.length; i++) {
              int at = rank - stored.length + i;
              int d = at >= 0 && shape.isDefined(at) ? shape.get(at) : 1;
              stored[i] = r.nextInt(8) == 0 ? hostileInt() : r.nextInt(4) == 0 ? 1 : d;
            }
            if (r.nextBoolean()) {
              return step(
                  "addWeight(" + Arrays.toString(stored) + ")",
                  () -> x.apply(org.neurojoule.layer.AddWeight.of(stored)));
            }
            int axis = r.nextInt(8) == 0 ? hostileInt() : r.nextInt(Math.max(1, rank));
            int[] joined = new int[rank];
            for (int i = 0; i < rank; i++) {
              joined[i] = shape.isDefined(i) ? shape.get(i) : 1;
            }
            if (rank > 0 && axis >= 0 && axis < rank) {
              joined[axis] = r.nextInt(8) == 0 ? hostileInt() : 1 + r.nextInt(2);
            }
            return step(
                "concatWeight(axis " + axis + ", " + Arrays.toString(joined) + ")",
                () -> x.apply(org.neurojoule.layer.ConcatWeight.of(axis, joined)));
          }
        default:
          {
            int kind = r.nextInt(4);
            int[] perm = new int[rank];
            for (int i = 0; i < rank; i++) {
              perm[i] = i + 1;
            }
            if (rank >= 2) {
              perm[rank - 1] = rank - 1;
              perm[rank - 2] = rank;
            }
            int units = size(6);
            return switch (kind) {
              case 0 -> step("matMul(x, x)", () -> Tensor.matMul(x, x));
              case 1 ->
                  step(
                      "matMul(x, permute" + Arrays.toString(perm) + ")",
                      () -> Tensor.matMul(x, x.permute(perm)));
              case 2 ->
                  step(
                      "matMul(permute" + Arrays.toString(perm) + ", x)",
                      () -> Tensor.matMul(x.permute(perm), x));
              default ->
                  step("matMul(x, dense(" + units + "))", () -> Tensor.matMul(x, x.dense(units)));
            };
          }
      }
    }

    private static final String[] NEURONS = {
      "lif",
      "cubaLif",
      "integrateAndFire",
      "leakyIntegrator",
      "integrator",
      "cubaLeakyIntegrator",
      "threshold"
    };

    /** A spiking neuron layer with random, sometimes hostile, constants. */
    private Tensor neuron(Tensor x, Shape shape) {
      String kind = NEURONS[r.nextInt(NEURONS.length)];
      List<String> calls = new ArrayList<>();
      List<UnaryOperator<org.neurojoule.layer.SpikingNeuron>> ops = new ArrayList<>();
      String[] constants = {
        "tau", "tauSyn", "tauMem", "r", "vLeak", "vThreshold", "vReset", "wIn", "thresholdValue"
      };
      double[] typical = {0.01, 0.005, 0.02, 1, 0, 1, 0, 1, 1};
      int n = r.nextInt(4);
      int[] own =
          switch (kind) {
            case "lif" -> new int[] {0, 3, 4, 5, 6};
            case "cubaLif" -> new int[] {1, 2, 3, 4, 5, 6, 7};
            case "integrateAndFire" -> new int[] {3, 5, 6};
            case "leakyIntegrator" -> new int[] {0, 3, 4};
            case "integrator" -> new int[] {3};
            case "cubaLeakyIntegrator" -> new int[] {1, 2, 3, 4, 7};
            default -> new int[] {8};
          };
      for (int i = 0; i < n; i++) {
        // Mostly the kind's own constants; sometimes one it does not take.
        int c = r.nextInt(8) == 0 ? r.nextInt(constants.length) : own[r.nextInt(own.length)];
        double[] v = perUnit(shape, typical[c]);
        calls.add(constants[c] + Arrays.toString(v));
        ops.add(
            switch (c) {
              case 0 -> o -> o.tau(v);
              case 1 -> o -> o.tauSyn(v);
              case 2 -> o -> o.tauMem(v);
              case 3 -> o -> o.r(v);
              case 4 -> o -> o.vLeak(v);
              case 5 -> o -> o.vThreshold(v);
              case 6 -> o -> o.vReset(v);
              case 7 -> o -> o.wIn(v);
              default -> o -> o.thresholdValue(v);
            });
      }
      if (r.nextInt(3) == 0) {
        boolean bias = r.nextBoolean();
        calls.add("recurrent(true).recurrentBias(" + bias + ")");
        ops.add(o -> o.recurrent(true).recurrentBias(bias));
      }
      UnaryOperator<org.neurojoule.layer.SpikingNeuron> configure =
          o -> {
            for (UnaryOperator<org.neurojoule.layer.SpikingNeuron> op : ops) {
              o = op.apply(o);
            }
            return o;
          };
      double[] th = perUnit(shape, 0.5);
      Tensor out =
          step(
              kind + (kind.equals("threshold") ? Arrays.toString(th) : "") + calls,
              () ->
                  switch (kind) {
                    case "lif" -> x.lif(configure);
                    case "cubaLif" -> x.cubaLif(configure);
                    case "integrateAndFire" -> x.integrateAndFire(configure);
                    case "leakyIntegrator" -> x.leakyIntegrator(configure);
                    case "integrator" -> x.integrator(configure);
                    case "cubaLeakyIntegrator" -> x.cubaLeakyIntegrator(configure);
                    default -> x.threshold(th, configure);
                  });
      if (out != null) {
        hasNeurons = true;
      }
      return out;
    }

    /** One value, a value per unit, or an array of the wrong length; sometimes hostile. */
    private double[] perUnit(Shape shape, double typical) {
      long units = 1;
      for (int i = shape.hasLeadingTime() ? 1 : 0; i < shape.rank(); i++) {
        units *= shape.isDefined(i) ? shape.get(i) : 1;
      }
      int length =
          switch (r.nextInt(6)) {
            case 0, 1, 2 -> 1;
            case 3 -> units > 64 ? 1 : (int) units;
            case 4 -> units > 64 ? 2 : (int) units + 1;
            default -> r.nextInt(3);
          };
      double[] v = new double[length];
      for (int i = 0; i < length; i++) {
        v[i] = r.nextInt(6) == 0 ? hostileDouble() : typical * (0.5 + r.nextDouble());
      }
      return v;
    }

    /** The layer types added with the Keras importer: data movement, merges, recurrent, .... */
    private Tensor newerLayer(Tensor x, int rank) {
      int spatial = Math.max(1, Math.min(3, rank - 1));
      switch (r.nextInt(19)) {
        case 16:
          {
            double tau = r.nextInt(4) == 0 ? hostileDouble() : 0.01;
            return step("lowpass(" + tau + ")", () -> x.lowpass(tau));
          }
        case 17:
          {
            double tau = r.nextInt(4) == 0 ? hostileDouble() : 0.01;
            return step("alpha(" + tau + ")", () -> x.alpha(tau));
          }
        case 18:
          return step("normalization", x::normalization);
        case 0:
          {
            int p = r.nextInt(8) == 0 ? hostileInt() : r.nextInt(3);
            org.neurojoule.layer.ZeroPadding.Mode[] modes =
                org.neurojoule.layer.ZeroPadding.Mode.values();
            org.neurojoule.layer.ZeroPadding.Mode mode = modes[r.nextInt(modes.length)];
            double v =
                r.nextInt(4) == 0 ? hostileDouble() : r.nextInt(3) == 0 ? 0 : r.nextGaussian();
            boolean plain = r.nextBoolean();
            UnaryOperator<org.neurojoule.layer.ZeroPadding> c =
                plain
                    ? z -> z
                    : mode == org.neurojoule.layer.ZeroPadding.Mode.CONSTANT
                        ? z -> z.value(v)
                        : z -> z.mode(mode);
            String call =
                plain
                    ? ""
                    : mode == org.neurojoule.layer.ZeroPadding.Mode.CONSTANT
                        ? ", value " + v
                        : ", mode " + mode;
            int[] pads = {p};
            return step(
                "zeroPadding" + spatial + "d(" + p + call + ")",
                () ->
                    switch (spatial) {
                      case 1 -> x.zeroPadding1d(pads, c);
                      case 2 -> x.zeroPadding2d(pads, c);
                      default -> x.zeroPadding3d(pads, c);
                    });
          }
        case 1:
          {
            int c = r.nextInt(8) == 0 ? hostileInt() : r.nextInt(2);
            return step(
                "cropping" + spatial + "d(" + c + ")",
                () ->
                    switch (spatial) {
                      case 1 -> x.cropping1d(c);
                      case 2 -> x.cropping2d(c);
                      default -> x.cropping3d(c);
                    });
          }
        case 2:
          {
            int u = r.nextInt(8) == 0 ? hostileInt() : 1 + r.nextInt(2);
            return step(
                "upSampling" + spatial + "d(" + u + ")",
                () ->
                    switch (spatial) {
                      case 1 -> x.upSampling1d(u);
                      case 2 -> x.upSampling2d(u);
                      default -> x.upSampling3d(u);
                    });
          }
        case 3:
          {
            int f = size(4);
            int k = size(3);
            int s = r.nextInt(8) == 0 ? hostileInt() : small();
            Padding p = pad();
            return step(
                "conv" + spatial + "dTranspose(" + f + ", " + k + ", strides " + s + ", " + p + ")",
                () ->
                    switch (spatial) {
                      case 1 -> x.conv1dTranspose(f, k, c -> c.strides(s).padding(p));
                      case 2 -> x.conv2dTranspose(f, k, c -> c.strides(s).padding(p));
                      default -> x.conv3dTranspose(f, k, c -> c.strides(s).padding(p));
                    });
          }
        case 4:
          {
            int units = size(6);
            boolean seq = r.nextBoolean();
            boolean back = r.nextBoolean();
            int cell = r.nextInt(3);
            boolean bias2 = r.nextInt(3) == 0;
            boolean after = r.nextInt(4) == 0;
            String name = cell == 0 ? "simpleRnn" : cell == 1 ? "lstm" : "gru";
            return step(
                name
                    + "("
                    + units
                    + ", returnSequences "
                    + seq
                    + ", goBackwards "
                    + back
                    + ", recurrentBias "
                    + bias2
                    + ", resetAfter "
                    + after
                    + ")",
                () -> {
                  UnaryOperator<org.neurojoule.layer.Recurrent> c =
                      rr -> {
                        rr = rr.returnSequences(seq).goBackwards(back).recurrentBias(bias2);
                        return cell == 2 ? rr.resetAfter(after) : rr;
                      };
                  return cell == 0
                      ? x.simpleRnn(units, c)
                      : cell == 1 ? x.lstm(units, c) : x.gru(units, c);
                });
          }
        case 5:
          {
            int units = size(4);
            return step(
                "bidirectional(lstm(" + units + ", returnSequences))",
                () ->
                    x.bidirectional(
                        org.neurojoule.layer.Recurrent.lstm(units).returnSequences(true)));
          }
        case 6:
          return step("prelu", x::prelu);
        case 7:
          return step("layerNormalization", x::layerNormalization);
        case 8:
          return step("softmax", x::softmax);
        case 9:
          return step("elu", x::elu);
        case 10:
          {
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
              dims[i] = rank - i;
            }
            if (r.nextInt(6) == 0) {
              dims[0] = hostileInt();
            }
            return step("permute" + Arrays.toString(dims), () -> x.permute(dims));
          }
        case 11:
          {
            int n = r.nextInt(8) == 0 ? hostileInt() : 1 + r.nextInt(4);
            return step("repeatVector(" + n + ")", () -> x.repeatVector(n));
          }
        case 12:
          {
            double scale = r.nextInt(4) == 0 ? hostileDouble() : 1 / 255.0;
            return step("rescaling(" + scale + ")", () -> x.rescaling(scale));
          }
        case 13:
          return step(
              "multiply(relu, sigmoid)",
              () -> Tensor.multiply(x.relu(), x.activation(Activation.SIGMOID)));
        case 14:
          return step(
              "subtract(relu, tanh)",
              () -> Tensor.subtract(x.relu(), x.activation(Activation.TANH)));
        default:
          {
            int in = r.nextInt(8) == 0 ? hostileInt() : 1 + r.nextInt(20);
            int out = size(6);
            return step("embedding(" + in + ", " + out + ")", () -> x.embedding(in, out));
          }
      }
    }

    private int[] reshapeTarget(Shape shape) {
      if (!shape.isFullyDefined() || r.nextInt(4) == 0) {
        return new int[] {1 + r.nextInt(8), -1};
      }
      long count = shape.elementCount().orElse(1);
      return r.nextBoolean() ? new int[] {(int) count} : new int[] {-1, 1};
    }

    // ---- weights, data and options ----

    /** Sets random weights on some layers: the right shapes, sometimes a wrong or hostile one. */
    private boolean weights(Model model) {
      for (Layer layer : model.layers()) {
        if (!WeightShapes.hasWeights(layer.spec()) || r.nextBoolean()) {
          continue;
        }
        List<Shape> in = Model.shapesOf(model.applications(layer).get(0).inputs());
        List<WeightShapes.Weight> shapes;
        try {
          shapes = WeightShapes.of(layer.spec(), in);
        } catch (IllegalArgumentException e) {
          continue;
        }
        float[][] arrays = new float[shapes.size()][];
        StringBuilder hostile = new StringBuilder();
        long total = 0;
        try {
          for (WeightShapes.Weight w : shapes) {
            total = Math.addExact(total, w.count());
          }
        } catch (IllegalArgumentException | ArithmeticException e) {
          continue; // more values than a long counts: no weights to make
        }
        if (total > 1_000_000) {
          continue;
        }
        for (int i = 0; i < arrays.length; i++) {
          int size = shapes.get(i).size() + (r.nextInt(20) == 0 ? 1 : 0);
          arrays[i] = new float[size];
          for (int j = 0; j < size; j++) {
            arrays[i][j] = (float) (r.nextGaussian() * 0.5 + (i == 3 ? 1.5 : 0));
          }
          if (size > 0 && r.nextInt(15) == 0) {
            int at = r.nextInt(size);
            arrays[i][at] = hostileFloat();
            hostile
                .append(", array ")
                .append(i)
                .append(" value ")
                .append(arrays[i][at])
                .append(" at ")
                .append(at);
          }
        }
        String name = model.nameOf(layer);
        if (stepValue(
                "weights of '"
                    + name
                    + "' sizes "
                    + Arrays.stream(arrays).map(a -> a.length).toList()
                    + hostile,
                () -> {
                  layer.setWeights(arrays);
                  return Boolean.TRUE;
                })
            == null) {
          return false;
        }
      }
      return true;
    }

    private ExampleData data(int[] inputShape) {
      int[] shape = new int[inputShape.length + 1];
      shape[0] = 1 + r.nextInt(5);
      for (int i = 0; i < inputShape.length; i++) {
        shape[i + 1] = inputShape[i] == Model.NONE ? 1 + r.nextInt(4) : inputShape[i];
      }
      long count = 1;
      for (int d : shape) {
        count *= d;
      }
      if (count > 200_000) {
        return stepValue(
            "data filled(1, " + Arrays.toString(shape) + ")", () -> ExampleData.filled(1, shape));
      }
      float[] values = new float[(int) count];
      double scale = r.nextInt(10) == 0 ? 1e30 : 1;
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (r.nextGaussian() * scale);
      }
      String hostile = "";
      if (r.nextInt(15) == 0) {
        int at = r.nextInt(values.length);
        values[at] = hostileFloat();
        hostile = ", value " + values[at] + " at " + at;
      }
      return stepValue(
          "data of shape " + Arrays.toString(shape) + " scale " + scale + hostile,
          () -> ExampleData.of(values, shape));
    }

    private void summary(ModelEnergy energy, boolean hasData) {
      List<String> columns = new ArrayList<>(List.of("name"));
      String[] pool = {
        "output_shape",
        "params",
        "connections",
        "neurons",
        "rate",
        "energy cpu",
        "energy loihi",
        "synop_energy spinnaker",
        "neuron_energy gpu",
        "energy arm",
        "sparsity",
        "footprint",
        "effective_macs",
        "effective_acs",
        "mac_energy horowitz-fp32",
        "memory_energy horowitz-fp32",
        "mac_energy cpu",
        "memory_energy truenorth",
        "energy loihi-corrected",
        "energy truenorth",
        "mac_energy loihi-corrected"
      };
      for (String c : pool) {
        if (r.nextInt(3) == 0) {
          columns.add(c);
        }
      }
      if (r.nextInt(20) == 0) {
        columns.add("energy nowhere");
      }
      int line =
          r.nextInt(6) == 0
              ? SummaryOptions.AUTO
              : r.nextInt(8) == 0 ? r.nextInt(8) : 20 + r.nextInt(120);
      int steps = r.nextInt(10) == 0 ? -r.nextInt(2) : 1 + r.nextInt(10);
      double dt = r.nextInt(10) == 0 ? hostileDouble() : 0.001;
      boolean macColumns =
          columns.stream()
              .anyMatch(c -> c.startsWith("mac_energy") || c.startsWith("memory_energy"));
      EnergyModel m =
          macColumns && r.nextInt(4) != 0
              ? (r.nextBoolean() ? EnergyModel.MAC_AC : EnergyModel.MEMORY_AWARE)
              : r.nextInt(3) == 0 ? energyModel() : null;
      String text =
          stepValue(
              "summaryString("
                  + columns
                  + ", lineLength "
                  + line
                  + ", timesteps "
                  + steps
                  + ", dt "
                  + dt
                  + (m == null ? "" : ", energyModel " + m)
                  + ")",
              () ->
                  energy.summaryString(
                      o -> {
                        SummaryOptions so =
                            o.columns(columns.toArray(String[]::new))
                                .lineLength(line)
                                .timestepsPerInference(steps)
                                .dt(dt);
                        return m == null ? so : so.energyModel(m);
                      }));
      if (text != null && line != SummaryOptions.AUTO && line >= columns.size()) {
        String header = text.substring(0, text.indexOf('\n'));
        if (header.codePointCount(0, header.length()) > line) {
          fail("the header is wider than the line length " + line + ":\n" + text);
        }
      }
    }

    // ---- predictions and the spiking simulation ----

    private void predict(Model model, ExampleData data) {
      List<ExampleData> outputs =
          stepValue("predict(" + Arrays.toString(data.shape()) + ")", () -> model.predict(data));
      if (outputs == null) {
        return;
      }
      if (outputs.size() != model.outputs().size()) {
        fail("predict gave " + outputs.size() + " outputs for " + model.outputs().size());
      }
      for (ExampleData out : outputs) {
        if (out.shape()[0] != data.shape()[0]) {
          fail("predict gave a batch of " + out.shape()[0] + " for " + data.shape()[0]);
        }
        float[] v = out.values();
        for (int i = 0; i < v.length; i++) {
          if (!Float.isFinite(v[i])) {
            fail(
                "predict gave "
                    + v[i]
                    + " at "
                    + i
                    + " of an output of shape "
                    + Arrays.toString(out.shape()));
          }
        }
      }
    }

    /** Sequence data (N, T, step...), sometimes of a wrong shape, through the simulation. */
    private void simulation(Model model, int[] inputShape) {
      int n = 1 + r.nextInt(3);
      int t = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(8);
      int[] shape = new int[inputShape.length + 2];
      shape[0] = n;
      shape[1] = t;
      for (int i = 0; i < inputShape.length; i++) {
        shape[i + 2] = inputShape[i] == Model.NONE ? 1 + r.nextInt(3) : inputShape[i];
      }
      int wrong = r.nextInt(8);
      if (wrong == 0) {
        shape = Arrays.copyOfRange(shape, 1, shape.length); // no time axis
      } else if (wrong == 1) {
        shape[shape.length - 1] += 1;
      }
      int[] dims = shape;
      long count = 1;
      for (int d : dims) {
        count *= Math.max(d, 0);
      }
      ExampleData seqs;
      if (count > 100_000 || count == 0 || Arrays.stream(dims).anyMatch(d -> d <= 0)) {
        seqs =
            stepValue(
                "sequences filled(0.5, " + Arrays.toString(dims) + ")",
                () -> ExampleData.filled(0.5, dims));
      } else {
        float[] values = new float[(int) count];
        double scale = r.nextInt(10) == 0 ? 1e30 : r.nextInt(2) == 0 ? 1 : 50;
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (Math.abs(r.nextGaussian()) * scale);
        }
        seqs =
            stepValue(
                "sequences of shape " + Arrays.toString(dims) + " scale " + scale,
                () -> ExampleData.of(values, dims));
      }
      if (seqs == null) {
        return;
      }
      double dt = r.nextInt(5) == 0 ? hostileDouble() : 0.001;
      EnergyModel m = r.nextInt(3) == 0 ? energyModel() : null;
      Reset reset = Reset.values()[r.nextInt(Reset.values().length)];
      int batch = 1 + r.nextInt(3);
      ModelEnergy energy =
          stepValue(
              "energy(simulate dt "
                  + dt
                  + ", reset "
                  + reset
                  + ", batchSize "
                  + batch
                  + (m == null ? "" : ", energyModel " + m)
                  + ")",
              () ->
                  model.energy(
                      e -> {
                        EnergyOptions o =
                            e.exampleData(seqs)
                                .simulate(dt)
                                .reset(reset)
                                .batchSize(batch)
                                .logWarnings(false);
                        return m == null ? o : o.energyModel(m);
                      }));
      if (energy == null) {
        return;
      }
      ESTIMATED.incrementAndGet();
      SIMULATED.incrementAndGet();
      SpikeCounts counts = energy.spikeCounts().orElse(null);
      if (counts == null) {
        fail("a simulated estimate has no spike counts");
      }
      for (String name : model.layerNames()) {
        SpikeCounts.Layer l = counts.layers().get(name);
        if (l != null
            && !(l.spikes() >= 0
                && l.spikes() < Double.POSITIVE_INFINITY
                && l.synapticEvents() >= 0
                && l.synapticEvents() < Double.POSITIVE_INFINITY)) {
          fail("spike counts of '" + name + "' are " + l);
        }
      }
      for (String device : List.of("loihi", "truenorth", "loihi-corrected", "spinnaker2", "cpu")) {
        Double total = stepValue("totalEnergy(" + device + ")", () -> energy.totalEnergy(device));
        if (total != null && !(total >= 0 && total < Double.POSITIVE_INFINITY)) {
          fail("total energy on " + device + " is " + total);
        }
      }
      List<String> columns = new ArrayList<>(List.of("name"));
      for (String c :
          new String[] {
            "spikes",
            "synaptic_events",
            "sim_energy loihi",
            "sim_energy truenorth",
            "sim_energy loihi-corrected",
            "rate",
            "energy loihi",
            "mac_energy horowitz-fp32",
            "memory_energy loihi"
          }) {
        if (r.nextInt(2) == 0) {
          columns.add(c);
        }
      }
      EnergyModel sm =
          r.nextInt(4) == 0 ? null : r.nextInt(3) == 0 ? energyModel() : EnergyModel.MAC_AC;
      String text =
          stepValue(
              "summaryString(" + columns + (sm == null ? "" : ", energyModel " + sm) + ")",
              () ->
                  energy.summaryString(
                      o -> {
                        SummaryOptions so =
                            o.columns(columns.toArray(String[]::new))
                                .timestepsPerInference(
                                    Math.max(1, seqs.shape().length > 1 ? seqs.shape()[1] : 1))
                                .dt(dt);
                        return sm == null ? so : so.energyModel(sm);
                      }));
      if (text != null && (text.contains("NaN") || text.contains("Infinity"))) {
        fail("the simulated summary shows a number that is not finite:\n" + text);
      }
    }

    // ---- checks ----

    private void checkFigures(Model model, ModelEnergy energy, ExampleData data) {
      for (String name : model.layerNames()) {
        LayerStats s = energy.layerStats(name);
        if (s.connections() < 0 || s.neurons() < 0) {
          fail("negative statistics for '" + name + "': " + s);
        }
        double rate = energy.rates().get(name);
        if (data != null && !(rate >= 0 && rate < Double.POSITIVE_INFINITY)) {
          fail("rate of '" + name + "' is " + rate + " for finite data");
        }
      }
      for (String device :
          List.of(
              "cpu",
              "gpu",
              "loihi",
              "spinnaker2",
              "horowitz-fp32",
              "truenorth",
              "loihi-corrected")) {
        if (data == null && ModelEnergy.device(device).spiking()) {
          continue;
        }
        Double total = stepValue("totalEnergy(" + device + ")", () -> energy.totalEnergy(device));
        if (total != null && !(total >= 0 && total < Double.POSITIVE_INFINITY)) {
          fail("total energy on " + device + " is " + total);
        }
        if (r.nextInt(3) == 0) {
          EnergyModel m = energyModel();
          Double t =
              stepValue(
                  "totalEnergy(" + device + ", energyModel " + m + ")",
                  () -> energy.totalEnergy(device, o -> o.energyModel(m)));
          if (t != null && !(t >= 0 && t < Double.POSITIVE_INFINITY)) {
            fail("total energy on " + device + " with " + m + " is " + t);
          }
        }
      }
    }

    private void checkBatchInvariance(
        Model model, ModelEnergy energy, ExampleData data, Accounting accounting) {
      ModelEnergy whole =
          stepValue(
              "energy(all examples in one batch)",
              () ->
                  model.energy(
                      e ->
                          e.exampleData(data)
                              .accounting(accounting)
                              .batchSize(data.batchSize())
                              .logWarnings(false)));
      if (whole == null) {
        fail("the same data in one batch failed where smaller batches did not");
      }
      for (Map.Entry<String, Double> rate : energy.rates().entrySet()) {
        double a = rate.getValue();
        double b = whole.rates().get(rate.getKey());
        if (Math.abs(a - b) > 1e-4 * Math.max(Math.abs(a), Math.abs(b)) + 1e-6) {
          fail(
              "rate of '"
                  + rate.getKey()
                  + "' depends on the batch size: "
                  + a
                  + " in batches"
                  + " of "
                  + energy.options().batchSize()
                  + ", "
                  + b
                  + " in one batch");
        }
      }
    }

    // ---- running one call ----

    private Tensor step(String call, Supplier<Tensor> body) {
      return stepValue(call, body);
    }

    /** Runs one call; a clear error ends the case (null), anything else fails the test. */
    private <T> T stepValue(String call, Supplier<T> body) {
      recipe.add(call);
      try {
        return body.get();
      } catch (IllegalArgumentException | IllegalStateException e) {
        requireClear(call, e);
        if (Boolean.getBoolean("neurojoule.fuzz.trace")) {
          System.out.println("TRACE " + recipe + " -> " + e.getMessage());
        }
        return null;
      } catch (UnsupportedOperationException e) {
        // The documented refusal of a layer the forward pass or the simulation has no kernel for
        // (NeuronFluentTest pins it): clear, but only with that message.
        if (e.getMessage() == null || !e.getMessage().contains("cannot run in")) {
          throw e;
        }
        requireClear(call, e);
        return null;
      }
    }

    private static void requireClear(String call, RuntimeException e) {
      String m = e.getMessage();
      if (m == null
          || m.length() < 15
          || m.contains("long overflow")
          || m.contains("integer overflow")
          || m.startsWith("Index ")
          || m.startsWith("For input")
          || m.contains("out of bounds")) {
        throw new AssertionError(call + " failed without a clear message: " + e, e);
      }
    }

    // ---- random values ----

    private int size(int max) {
      return r.nextInt(12) == 0 ? (r.nextBoolean() ? 0 : hostileInt()) : 1 + r.nextInt(max);
    }

    private int small() {
      return 1 + r.nextInt(3);
    }

    private EnergyModel energyModel() {
      EnergyModel[] models = EnergyModel.values();
      return models[r.nextInt(models.length)];
    }

    private Padding pad() {
      return r.nextInt(6) == 0 ? Padding.CAUSAL : r.nextBoolean() ? Padding.SAME : Padding.VALID;
    }

    private Activation act() {
      return ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
    }

    private int hostileInt() {
      int[] values = {
        0,
        -1,
        -7,
        1 << 16,
        1_500_000_000,
        2_000_000_000,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE,
        46_341
      };
      return values[r.nextInt(values.length)];
    }

    private double hostileDouble() {
      double[] values = {
        0,
        -1,
        1e300,
        -1e300,
        1e-50,
        1e-300,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.MAX_VALUE,
        Double.MIN_VALUE,
        0.3,
        1,
        0.999999
      };
      return values[r.nextInt(values.length)];
    }

    private float hostileFloat() {
      float[] values = {
        Float.NaN,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        6e36f,
        Float.MIN_VALUE
      };
      return values[r.nextInt(values.length)];
    }
  }
}
