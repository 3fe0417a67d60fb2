package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.Model.NONE;
import static org.neurojoule.layer.Activation.RELU;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurojoule.layer.CustomLayer;
import org.neurojoule.shape.Shape;

/**
 * Hostile input through the public API: each case is a clear error of this type and message, naming
 * the layer, device, file or value, never a raw NullPointerException, ArithmeticException or
 * NumberFormatException. In messages, {@code {dir}} stands for the temporary directory.
 */
class HostileInputTest {
  @TempDir static Path dir;

  private static final int BIG = 2_000_000_000;
  private static final String IAE = "IllegalArgumentException";
  private static final String NPE = "NullPointerException";

  interface Call {
    void run() throws Exception;
  }

  record Case(String name, String type, String message, Call call) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        // ---- non-finite and out-of-range numbers ----
        new Case(
            "dense kernel NaN",
            IAE,
            "layer 'dense' dense(1) (Dense): kernel[1] is NaN; weights must be finite numbers",
            () ->
                Model.input(2)
                    .dense(1)
                    .model()
                    .layer("dense")
                    .setWeights(new float[] {1, Float.NaN}, new float[] {0})),
        new Case(
            "dense bias infinite",
            IAE,
            "layer 'dense' dense(2) (Dense): bias[1] is -Infinity; weights must be finite numbers",
            () ->
                Model.input(1)
                    .dense(2)
                    .model()
                    .layer("dense")
                    .setWeights(new float[] {1, 2}, new float[] {0, Float.NEGATIVE_INFINITY})),
        new Case(
            "BN negative moving variance",
            IAE,
            "layer 'batch_normalization' batchNormalization (BatchNormalization):"
                + " moving_variance[1] is -1.0; a variance must be >= 0",
            () ->
                Model.input(2)
                    .batchNormalization()
                    .model()
                    .layer("batch_normalization")
                    .setWeights(
                        new float[] {1, 1},
                        new float[] {0, 0},
                        new float[] {0, 0},
                        new float[] {1, -1})),
        new Case(
            "BN gamma infinite",
            IAE,
            "layer 'batch_normalization' batchNormalization (BatchNormalization): gamma[0] is"
                + " Infinity; weights must be finite numbers",
            () ->
                Model.input(1)
                    .batchNormalization()
                    .model()
                    .layer("batch_normalization")
                    .setWeights(
                        new float[] {Float.POSITIVE_INFINITY},
                        new float[] {0},
                        new float[] {0},
                        new float[] {1})),
        new Case(
            "relu negativeSlope 1e300",
            "ShapeException",
            "[NnInvalidArgument] layer 1 're_lu' relu: negativeSlope must be a number >= 0 within"
                + " float32's range (at most 3.4028235E38), was 1.0E300",
            () -> Model.input(2).relu(r -> r.negativeSlope(1e300))),
        new Case(
            "relu negativeSlope infinite",
            "ShapeException",
            "[NnInvalidArgument] layer 1 're_lu' relu: negativeSlope must be a number >= 0 within"
                + " float32's range (at most 3.4028235E38), was Infinity",
            () -> Model.input(2).relu(r -> r.negativeSlope(Double.POSITIVE_INFINITY))),
        new Case(
            "relu maxValue NaN",
            "ShapeException",
            "[NnInvalidArgument] layer 1 're_lu' relu: maxValue must be a number >= 0 within"
                + " float32's range (at most 3.4028235E38), was NaN",
            () -> Model.input(2).relu(r -> r.maxValue(Double.NaN))),
        new Case(
            "relu threshold -1e300",
            "ShapeException",
            "[NnInvalidArgument] layer 1 're_lu' relu: threshold must be a finite number within"
                + " float32's range (at most 3.4028235E38 in magnitude), was -1.0E300",
            () -> Model.input(2).relu(r -> r.threshold(-1e300))),
        new Case(
            "leakyRelu alpha 1e300",
            "ShapeException",
            "[NnInvalidArgument] layer 1 'leaky_re_lu' leakyRelu: alpha must be a number >= 0"
                + " within float32's range (at most 3.4028235E38), was 1.0E300",
            () -> Model.input(2).leakyRelu(l -> l.alpha(1e300))),
        new Case(
            "leakyRelu alpha -infinite",
            "ShapeException",
            "[NnInvalidArgument] layer 1 'leaky_re_lu' leakyRelu: alpha must be a number >= 0"
                + " within float32's range (at most 3.4028235E38), was -Infinity",
            () -> Model.input(2).leakyRelu(l -> l.alpha(Double.NEGATIVE_INFINITY))),
        new Case(
            "spikingActivation dt 1e-50",
            "ShapeException",
            "[NnInvalidArgument] layer 1 'spiking_activation' spikingActivation: dt must be a"
                + " number > 0 within float32's range (1.4E-45 to 3.4028235E38), was 1.0E-50",
            () -> Model.input(NONE, 2).spikingActivation(RELU, s -> s.dt(1e-50))),
        new Case(
            "spikingActivation dt 1e300",
            "ShapeException",
            "[NnInvalidArgument] layer 1 'spiking_activation' spikingActivation: dt must be a"
                + " number > 0 within float32's range (1.4E-45 to 3.4028235E38), was 1.0E300",
            () -> Model.input(NONE, 2).spikingActivation(RELU, s -> s.dt(1e300))),
        new Case(
            "spikingActivation dt negative",
            "ShapeException",
            "[NnInvalidArgument] layer 1 'spiking_activation' spikingActivation: dt must be a"
                + " number > 0 within float32's range (1.4E-45 to 3.4028235E38), was -0.001",
            () -> Model.input(NONE, 2).spikingActivation(RELU, s -> s.dt(-0.001))),
        new Case(
            "batchNormalization epsilon 1e-300",
            "ShapeException",
            "[NnInvalidArgument] layer 1 'batch_normalization' batchNormalization: epsilon must"
                + " be a number > 0 within float32's range (1.4E-45 to 3.4028235E38), was 1.0E-300",
            () -> Model.input(2).batchNormalization(b -> b.epsilon(1e-300))),
        new Case(
            "dropout rate NaN",
            "ShapeException",
            "[NnInvalidArgument] layer 1 'dropout' dropout: dropout rate must be in [0, 1), was"
                + " NaN",
            () -> Model.input(2).dropout(Double.NaN)),
        new Case(
            "registerDevice Double.MAX_VALUE per synop",
            IAE,
            "energyPerSynop of device 'huge' must be a number of joules from 0 to 1.0, was"
                + " 1.7976931348623157E308",
            () -> ModelEnergy.registerDevice("huge", Double.MAX_VALUE, 1e-9, false)),
        new Case(
            "registerDevice NaN per neuron",
            IAE,
            "energyPerNeuron of device 'nan' must be a number of joules from 0 to 1.0, was NaN",
            () -> ModelEnergy.registerDevice("nan", 1e-9, Double.NaN, true)),
        new Case(
            "registerDevice negative per neuron",
            IAE,
            "energyPerNeuron of device 'neg' must be a number of joules from 0 to 1.0, was -1.0E-9",
            () -> ModelEnergy.registerDevice("neg", 1e-9, -1e-9, true)),
        new Case(
            "registerDevice blank name",
            IAE,
            "a device name must not be blank",
            () -> ModelEnergy.registerDevice(" ", 1e-9, 1e-9, false)),
        new Case(
            "registerDevice null name",
            NPE,
            "name == null",
            () -> ModelEnergy.registerDevice(null, 1e-9, 1e-9, false)),
        new Case(
            "summary dt 1e300",
            IAE,
            "dt must be a number of seconds > 0 and at most 1000.0, was 1.0E300",
            () -> Model.input(2).dense(2).energy().summaryString(o -> o.dt(1e300))),
        new Case(
            "summary timesteps 0",
            IAE,
            "timestepsPerInference must be >= 1, was 0",
            () ->
                Model.input(2)
                    .dense(2)
                    .energy()
                    .totalEnergy("cpu", o -> o.timestepsPerInference(0))),

        // ---- counts beyond 64 bits and sizes beyond 32 ----
        new Case(
            "model parameters beyond 2^63-1",
            IAE,
            "the model's parameter count overflows at layer 'dense_2' (Dense): trainable"
                + " parameters beyond 2^63-1 (9223372036854775807): 8000000004000000000 +"
                + " 4000000002000000000",
            () -> {
              Tensor x = Model.input(BIG);
              Model.of(Tensor.add(Tensor.add(x.dense(BIG), x.dense(BIG)), x.dense(BIG))).params();
            }),
        new Case(
            "reused layer's connections beyond 2^63-1",
            IAE,
            "layer 'dense' (Dense), applied 3 times: connections beyond 2^63-1"
                + " (9223372036854775807): 8000000000000000000 + 4000000000000000000",
            () -> {
              Tensor x = Model.input(BIG);
              Tensor a = x.dense(BIG);
              Model.of(Tensor.add(Tensor.add(a, a.layer().apply(x)), a.layer().apply(x))).energy();
            }),
        new Case(
            "example data beyond 2^63-1 values",
            IAE,
            "example data of shape [100000, 100000, 100000, 100000] has more than 2^63-1 values",
            () -> ExampleData.filled(1, 100000, 100000, 100000, 100000)),
        new Case(
            "example data array beyond 2^63-1 values",
            IAE,
            "example data of shape [100000, 100000, 100000, 100000] has more than 2^63-1 values",
            () -> ExampleData.of(new float[1], 100000, 100000, 100000, 100000)),
        new Case(
            "examples beyond 32 bits copied into an array",
            IAE,
            "examples 0..1 of example data of shape [1, 50000, 50000] hold 2500000000 values;"
                + " the destination has room for 16",
            () -> ExampleData.filled(1, 1, 50000, 50000).copyExamples(0, 1, new float[16], 0)),

        // ---- .npy headers ----
        new Case(
            ".npy shape whose byte count wraps to 0",
            IAE,
            "example data file {dir}/wrap.npy cannot be used: it is cut off: shape (1073741824,"
                + " 1073741824, 4) needs more than 2^63-1 bytes of data, the file has 368",
            () -> ExampleData.fromNpy(npy("wrap.npy", "(1073741824, 1073741824, 4)", 368))),
        new Case(
            ".npy shape bigger than the file",
            IAE,
            "example data file {dir}/short.npy cannot be used: it is cut off: shape (1000, 1000)"
                + " needs 4000000 bytes of data, the file has 16",
            () -> ExampleData.fromNpy(npy("short.npy", "(1000, 1000)", 16))),
        new Case(
            ".npy shape of 20 digits",
            IAE,
            "example data file {dir}/absurd.npy cannot be used: its header's shape"
                + " (99999999999999999999,) has dimension 99999999999999999999, more than"
                + " 2147483647, the largest one example data takes",
            () -> ExampleData.fromNpy(npy("absurd.npy", "(99999999999999999999,)", 16))),
        new Case(
            ".npy negative dimension",
            IAE,
            "example data file {dir}/neg.npy cannot be used: its header's shape (-3, 2) is not a"
                + " tuple of sizes: '-3' is not a size",
            () -> ExampleData.fromNpy(npy("neg.npy", "(-3, 2)", 24))),
        new Case(
            ".npy non-number dimension",
            IAE,
            "example data file {dir}/word.npy cannot be used: its header's shape (2, x) is not a"
                + " tuple of sizes: 'x' is not a size",
            () -> ExampleData.fromNpy(npy("word.npy", "(2, x)", 24))),
        new Case(
            ".npy header longer than the file",
            IAE,
            "example data file {dir}/cuthead.npy cannot be used: its header is cut off: it should"
                + " be 118 bytes long, the file has 40 after the preamble",
            () -> {
              Path full = npy("cuthead.npy", "(2, 3)", 24);
              Files.write(full, Arrays.copyOf(Files.readAllBytes(full), 50));
              ExampleData.fromNpy(full);
            }),

        // ---- nulls ----
        new Case(
            "exampleData(null)",
            NPE,
            "exampleData == null",
            () -> Model.input(2).model().energy(e -> e.exampleData(null))),
        new Case(
            "columns(\"name\", null)",
            NPE,
            "columns[1] == null",
            () -> Model.input(2).dense(2).energy().summaryString(o -> o.columns("name", null))),
        new Case(
            "columns(null)",
            NPE,
            "columns == null",
            () -> Model.input(2).dense(2).energy().summaryString(o -> o.columns((String[]) null))),
        new Case(
            "registerLayer rule returning null",
            "IllegalStateException",
            "the rule registered for layer type 'NullRule' returned null for layer 'null_rule';"
                + " a rule must return LayerStats (LayerStats.NONE for nothing to count)",
            () -> {
              ModelEnergy.registerLayer("NullRule", (spec, in, out) -> null);
              Model.input(2).apply(new Custom("NullRule", false)).energy();
            }),
        new Case(
            "CustomLayer outputShape null",
            "ShapeException",
            "[NnInvalidArgument] layer 1 'null_shape' null_shape: outputShape(...) of layer type"
                + " 'NullShape' (org.neurojoule.HostileInputTest$Custom) returned null",
            () -> Model.input(2).apply(new Custom("NullShape", true))),
        new Case("Model.input(null)", NPE, "shape == null", () -> Model.input((int[]) null)),
        new Case("Model.of(null)", NPE, "outputs == null", () -> Model.of((Tensor[]) null)),
        new Case(
            "Model.of(null, outputs)",
            NPE,
            "inputs == null",
            () -> Model.of(null, List.of(Model.input(2)))),
        new Case(
            "Model.of(inputs with a null, outputs)",
            NPE,
            "an input == null",
            () -> {
              Tensor x = Model.input(2);
              Model.of(Arrays.asList(x, null), List.of(x.dense(1)));
            }),
        new Case(
            "model.layer(null)",
            NPE,
            "name == null",
            () -> Model.input(2).dense(2).model().layer(null)),
        new Case(
            "model.energy(null)",
            NPE,
            "configure == null",
            () -> Model.input(2).model().energy(null)),
        new Case(
            "layer.apply(null tensor)",
            NPE,
            "inputs[0] == null",
            () -> Model.input(2).dense(2).layer().apply((Tensor) null)),
        new Case(
            "setWeights(null array)",
            NPE,
            "weights[0] == null",
            () -> Model.input(2).dense(2).model().layer("dense").setWeights((float[]) null)),
        new Case("Layer.of(null)", NPE, "spec == null", () -> Layer.of(null)),
        new Case("ExampleData.of(null, ...)", NPE, "values == null", () -> ExampleData.of(null, 1)),
        new Case("ModelEnergy.device(null)", NPE, "device == null", () -> ModelEnergy.device(null)),
        new Case(
            "totalEnergy(null)",
            NPE,
            "device == null",
            () -> Model.input(2).dense(2).energy().totalEnergy(null)),
        new Case(
            "summaryString(null)",
            NPE,
            "configure == null",
            () -> Model.input(2).dense(2).energy().summaryString(null)),
        new Case(
            "unregisterLayer(null)", NPE, "type == null", () -> ModelEnergy.unregisterLayer(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isAClearError(Case c) {
    Throwable e = assertThrows(Throwable.class, c.call()::run);
    assertThat(e.getClass().getSimpleName()).isEqualTo(c.type());
    assertThat(e).hasMessageThat().isEqualTo(c.message().replace("{dir}", dir.toString()));
  }

  @AfterAll
  static void forgetRegistrations() {
    ModelEnergy.unregisterLayer("NullRule");
  }

  /** A .npy file of float32 whose header claims {@code shapeTuple}, with this many data bytes. */
  private static Path npy(String name, String shapeTuple, int dataBytes) throws IOException {
    return ExampleDataTest.npy(dir.resolve(name), "<f4", false, shapeTuple, new byte[dataBytes]);
  }

  /** A custom layer whose output shape is its input's, or null. */
  private record Custom(String type, boolean nullShape) implements CustomLayer {
    @Override
    public Shape outputShape(List<Shape> inputs) {
      return nullShape ? null : inputs.get(0);
    }
  }
}
