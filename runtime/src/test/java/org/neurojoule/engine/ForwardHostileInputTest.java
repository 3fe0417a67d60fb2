package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.neurojoule.Model.NONE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurojoule.ExampleData;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.RateListener;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;
import org.neurojoule.shape.ShapeException;

/**
 * Inputs that once crashed, hung or gave wrong figures in the forward pass: each now gives the
 * right rates or an error naming the layer, the sizes and the data.
 */
class ForwardHostileInputTest {

  static Stream<Gemm> gemms() {
    return KernelTest.gemms();
  }

  private static Map<Layer, Double> rates(Model m, ExampleData data, int batch, Gemm gemm) {
    return FiringRates.of(m, data, batch, Optional.of(RateListener.NONE), gemm);
  }

  private static float[] seq(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (0.5 + Math.sin(i * 0.37) * 0.6);
    }
    return a;
  }

  // ---------------------------------------------------------------- batching

  @ParameterizedTest
  @MethodSource("gemms")
  void spikingRates_doNotDependOnTheBatchSize(Gemm gemm) {
    // timeDistributed once numbered the inner examples in example x step units per batch:
    // 0.2778 at batch 1, 0.2315 at batch 4.
    Model td =
        Model.of(
            Model.input(3, 5, 4)
                .timeDistributed(t -> t.spikingActivation(Activation.RELU, s -> s.dt(0.3)))
                .dense(2));
    Model plain =
        Model.of(Model.input(NONE, 4).spikingActivation(Activation.RELU, s -> s.dt(0.3)).dense(3));
    assertBatchIndependent(td, ExampleData.of(seq(7 * 60), 7, 3, 5, 4), gemm);
    assertBatchIndependent(plain, ExampleData.of(seq(7 * 60), 7, 15, 4), gemm);
  }

  private static void assertBatchIndependent(Model m, ExampleData data, Gemm gemm) {
    Map<Layer, Double> all = rates(m, data, 7, gemm);
    for (int batch : new int[] {1, 3, 4}) {
      Map<Layer, Double> split = rates(m, data, batch, gemm);
      for (Layer layer : all.keySet()) {
        assertWithMessage("rate of %s at batch %s", m.nameOf(layer), batch)
            .that(split.get(layer))
            .isWithin(1e-12 * all.get(layer))
            .of(all.get(layer));
      }
    }
    // The spiking layers' outputs are not trivially zero: the dense layers after them see spikes.
    assertThat(all.get(m.layer("dense"))).isGreaterThan(0.0);
  }

  // ---------------------------------------------------------------- sums and totals

  @ParameterizedTest
  @MethodSource("gemms")
  void hugeFiniteData_givesAFiniteRate(Gemm gemm) {
    // Float partial sums over 512 values overflowed from about 6.6e35 per value.
    Model m = Model.of(Model.input(1000).relu());
    Map<Layer, Double> r = rates(m, ExampleData.filled(6e36, 2, 1000), 32, gemm);
    assertThat(r.get(m.layer("input_1"))).isWithin(6e36 * 1e-6).of(6e36);
    assertThat(r.get(m.layer("re_lu"))).isWithin(6e36 * 1e-6).of(6e36);
    // Fused into a dense layer's epilogue too.
    Tensor d = Model.input(4).dense(1000, c -> c.useBias(false));
    float[] kernel = new float[4000];
    java.util.Arrays.fill(kernel, 1e37f);
    d.layer().setWeights(kernel);
    Model m2 = Model.of(d.relu());
    Map<Layer, Double> r2 = rates(m2, ExampleData.filled(1, 3, 4), 32, gemm);
    assertThat(r2.get(m2.layer("re_lu"))).isWithin(4e37 * 1e-6).of(4e37);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void valuesBeyondFloat_nameTheLayer(Gemm gemm) {
    Tensor d = Model.input(4).dense(2, c -> c.useBias(false));
    d.layer().setWeights(new float[] {3e38f, 3e38f, 3e38f, 3e38f, 3e38f, 3e38f, 3e38f, 3e38f});
    Model m = Model.of(d.relu());
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> rates(m, ExampleData.filled(1, 3, 4), 2, gemm));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "layer 'dense' (Dense) produces values beyond"
                + " float32's range (|x| > 3.4028235E38) or NaN on examples 0 to 1 (example data of"
                + " shape (None, 4)), so its firing rate would not be finite; scale the data or the"
                + " weights down");
  }

  // ---------------------------------------------------------------- reuse

  @ParameterizedTest
  @MethodSource("gemms")
  void reusedLayerWithoutWeights_takesAnyShape(Gemm gemm) {
    Tensor x = Model.input(6, 6, 2);
    Tensor r = x.relu();
    Tensor pooled = r.maxPooling2d(2);
    Tensor again = r.layer().apply(pooled);
    Model m = Model.of(again.flatten().dense(1));
    Map<Layer, Double> rates = rates(m, ExampleData.of(seq(72), 1, 6, 6, 2), 1, gemm);
    assertThat(rates.get(r.layer())).isGreaterThan(0.0);
  }

  // ---------------------------------------------------------------- errors in the rates pass

  @ParameterizedTest
  @MethodSource("gemms")
  void shapeErrorInTheRatesPass_namesTheLayerAndTheData(Gemm gemm) {
    // The model takes any time length; the reshape fits only 3 steps.
    Model m = Model.of(Model.input(NONE, 4).reshape(12));
    var e =
        assertThrows(ShapeException.class, () -> rates(m, ExampleData.filled(1, 2, 5, 4), 2, gemm));
    assertThat(e.layerName()).hasValue("reshape");
    assertThat(e).hasMessageThat().startsWith("[NnReshapeMismatch] layer 1 'reshape' ");
    assertThat(e).hasMessageThat().endsWith(" (example data of shape (None, 5, 4))");
  }

  @Test
  void dataOfTheWrongTimeLength_namesTheDimension() {
    Model m = Model.of(Model.input(3, 4).relu());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FiringRates.fit(m, ExampleData.filled(1, 2, 5, 4)));
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "has shape (2, 5, 4), but the model input expects"
                + " (None, 3, 4) (batch first; data with one dimension fewer gets a trailing 1):"
                + " dimension 1 is 5, the model declares 3");
  }

  // ---------------------------------------------------------------- sizes

  @Test
  void bufferBeyondAnArray_isAClearError() {
    // 40000 x 40000 per example: 1.6e9 floats fit one array, two examples do not.
    Model m = Model.of(Model.input(40000, 40000).relu());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Forward(m, new int[] {40000, 40000}, 2, Gemm.java()));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "layer 'input_1': its output buffer for 2 examples"
                + " of (None, 40000, 40000) would need 3200000000 floats (11.9 GiB), more than one Java"
                + " array holds (2147483639 values); use a smaller batch size (EnergyOptions.batchSize)"
                + " or smaller inputs");
  }

  @Test
  void matMulOutputBeyondAnArray_isAClearError_beforeItsOffsetsAreAllocated() {
    // FuzzTest: input (1500000000, 9, 7) -> matMul(x, permute(1, 3, 2)) on data filled(1, 3,
    // 1500000000, 9, 7) ran out of heap in the batched matMul's offsets.
    Tensor x = Model.input(1_500_000_000, 9, 7);
    Model m = Model.of(Tensor.matMul(x, x.permute(1, 3, 2)));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Forward(m, new int[] {1_500_000_000, 9, 7}, 1, Gemm.java()));
    assertThat(e)
        .hasMessageThat()
        .startsWith(
            "layer 'input_1': its output buffer for 1 example"
                + " of (None, 1500000000, 9, 7) would need 94500000000 floats");
  }

  @Test
  void predictThroughAHugeMatMul_isAClearError_notANativeOutOfMemory() {
    // FuzzTest: input (None, 6, 65536) -> matMul(permute(1, 3, 2), x) -> separableConv2d(3, 3)
    // -> predict on (5, 4, 6, 65536): the native convolution asked for 85899345920 floats.
    Tensor x = Model.input(NONE, 6, 65536);
    Model m = Model.of(Tensor.matMul(x.permute(1, 3, 2), x).separableConv2d(3, 3));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> m.predict(ExampleData.filled(1, 5, 4, 6, 65536)));
    assertThat(e).hasMessageThat().contains("layer 'mat_mul': its output buffer for");
    assertThat(e).hasMessageThat().contains("more than one Java array holds");
  }

  @Test
  void rescalingOfAHugeChannelAxis_isAClearError_beforeItsConstantsAreAllocated() {
    // FuzzTest seed 18: input (9, 6, 2147483647) -> rescaling, data filled(1, 4, 9, 6,
    // 2147483647): the kernel's per-channel constants hit "Requested array size exceeds VM limit".
    Model m = Model.of(Model.input(9, 6, Integer.MAX_VALUE).rescaling(1 / 255.0));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                m.energy(
                        o ->
                            o.exampleData(ExampleData.filled(1, 4, 9, 6, Integer.MAX_VALUE))
                                .batchSize(3))
                    .rates());
    assertThat(e)
        .hasMessageThat()
        .contains(
            "layer 'input_1': its output buffer for 3 examples"
                + " of (None, 9, 6, 2147483647) would need 347892350814 floats");
    assertThat(e).hasMessageThat().contains("more than one Java array holds");
  }

  @Test
  void bufferBeyondTheHeap_isAClearError() {
    long max = Runtime.getRuntime().maxMemory();
    org.junit.jupiter.api.Assumptions.assumeTrue(max < 8_464_000_000L, "heap too large");
    // 46000 x 46000 floats fit one array, not this heap.
    Model m = Model.of(Model.input(46000, 46000).relu());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Forward(m, new int[] {46000, 46000}, 1, Gemm.java()));
    assertThat(e)
        .hasMessageThat()
        .startsWith(
            "layer 'input_1': its output buffer for 1 example"
                + " of (None, 46000, 46000) would need 2116000000 floats (7.9 GiB), more than the whole"
                + " Java heap (");
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "); use a smaller batch size" + " (EnergyOptions.batchSize) or a larger heap (-Xmx)");
  }

  @Test
  void defaultWeightsBeyondTheHeap_areAClearError() {
    long max = Runtime.getRuntime().maxMemory();
    org.junit.jupiter.api.Assumptions.assumeTrue(max < 8_464_000_000L, "heap too large");
    Model m = Model.of(Model.input(46000).dense(46000));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> rates(m, ExampleData.filled(1, 1, 46000), 1, Gemm.java()));
    assertThat(e)
        .hasMessageThat()
        .startsWith(
            "layer 'dense': its default kernel (46000, 46000)"
                + " would need 2116000000 floats (7.9 GiB), more than the whole Java heap (");
  }

  @Test
  void kernelOfTheWrongSize_isRefusedBeforeAnyRead() {
    Window w =
        new Window(
            2,
            new int[] {6, 6, 4},
            new int[] {4, 4, 4},
            List.of(3, 3),
            List.of(1, 1),
            List.of(1, 1),
            org.neurojoule.layer.Padding.VALID);
    var e = assertThrows(IllegalArgumentException.class, () -> w.keptTaps(new float[99], 16));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("its kernel holds 99 values, but this input needs" + " 1x3x3x16 = 144");
  }

  @Test
  void failedRun_leavesNoEngineThreadBusy() throws Exception {
    // The huge pool once kept an engine thread looping after the caller gave up.
    Model m =
        Model.of(
            Model.input(32, 32, 1)
                .maxPooling2d(
                    2_000_000_000, p -> p.strides(1).padding(org.neurojoule.layer.Padding.SAME)));
    Map<Layer, Double> r =
        assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(60),
            () -> rates(m, ExampleData.of(seq(4 * 1024), 4, 32, 32, 1), 4, Gemm.best()));
    assertThat(r.get(m.layer("max_pooling2d"))).isGreaterThan(0.0);
    // A pool worker may still be on its way back to its queue when the run returns: wait for the
    // engine's threads to go idle rather than catching one in between.
    List<Thread.State> states = engineThreadStates();
    for (int i = 0; i < 100 && states.contains(Thread.State.RUNNABLE); i++) {
      Thread.sleep(50);
      states = engineThreadStates();
    }
    assertThat(states).doesNotContain(Thread.State.RUNNABLE);
  }

  private static List<Thread.State> engineThreadStates() {
    List<Thread.State> states = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("neurojoule-engine-")) {
        states.add(t.getState());
      }
    }
    return states;
  }
}
