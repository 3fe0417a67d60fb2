package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.Model.NONE;
import static org.neurojoule.layer.Padding.SAME;

import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Accounting;

/** The reference tables of shared/golden, byte for byte. */
class GoldenSummaryTest {

  static Tensor mnist() {
    return Model.input(28, 28, 1).conv2d(2, 7).relu().flatten().dense(128).relu().dense(10);
  }

  static Tensor branch() {
    Tensor x = Model.input(8, 8, 3).conv2d(4, 3, c -> c.padding(SAME));
    Tensor a = x.depthwiseConv2d(3, c -> c.padding(SAME)).relu();
    Tensor b = x.conv2d(4, 1).batchNormalization().relu();
    return Tensor.concatenate(a, b).flatten().dense(10);
  }

  @Test
  void mnist_default() {
    assertThat(mnist().energy().summaryString(o -> o.printWarnings(false)))
        .isEqualTo(Golden.read("mnist_default.txt"));
  }

  @Test
  void mnist_cpuGpu() {
    String s =
        mnist()
            .energy()
            .summaryString(
                o ->
                    o.columns(
                            "name",
                            "energy cpu",
                            "energy gpu",
                            "synop_energy cpu",
                            "synop_energy gpu",
                            "neuron_energy cpu",
                            "neuron_energy gpu")
                        .printWarnings(false));
    assertThat(s).isEqualTo(Golden.read("mnist_cpu_gpu.txt"));
  }

  @Test
  void mnist_myGpu() {
    ModelEnergy.registerDevice("my-gpu", 1e-9, 2e-9, false);
    String s =
        mnist()
            .energy()
            .summaryString(
                o -> o.columns("name", "energy gpu", "energy my-gpu").printWarnings(false));
    assertThat(s).isEqualTo(Golden.read("mnist_my_gpu.txt"));
  }

  @Test
  void mnist_line60() {
    assertThat(mnist().energy().summaryString(o -> o.lineLength(60).printWarnings(false)))
        .isEqualTo(Golden.read("mnist_line60.txt"));
  }

  @Test
  void mnist_line60_warnings() {
    String s =
        mnist()
            .energy()
            .summaryString(
                o -> o.columns("name", "output_shape", "energy cpu", "energy gpu").lineLength(60));
    assertThat(s).isEqualTo(Golden.read("mnist_line60_warn.txt"));
  }

  @Test
  void temporal_default() {
    Tensor out =
        Model.input(NONE, 28, 28, 1)
            .timeDistributed(t -> t.conv2d(2, 7))
            .relu()
            .timeDistributed(t -> t.flatten())
            .dense(128)
            .relu()
            .dense(10);
    assertThat(out.energy().summaryString(o -> o.printWarnings(false)))
        .isEqualTo(Golden.read("temporal_default.txt"));
  }

  @Test
  void ambiguous_nontemporal() {
    assertThat(
            Model.input(28, 28)
                .relu()
                .energy()
                .summaryString(
                    o ->
                        o.columns("name", "output_shape", "neurons", "energy cpu")
                            .printWarnings(false)))
        .isEqualTo(Golden.read("ambiguous_nontemporal.txt"));
  }

  @Test
  void ambiguous_timeDistributed() {
    assertThat(
            Model.input(28, 28)
                .timeDistributed(t -> t.relu())
                .energy()
                .summaryString(
                    o ->
                        o.columns("name", "output_shape", "neurons", "energy cpu")
                            .printWarnings(false)))
        .isEqualTo(Golden.read("ambiguous_timedistributed.txt"));
  }

  @Test
  void ambiguous_noneTime() {
    assertThat(
            Model.input(NONE, 28)
                .relu()
                .energy()
                .summaryString(
                    o ->
                        o.columns("name", "output_shape", "neurons", "energy cpu")
                            .printWarnings(false)))
        .isEqualTo(Golden.read("ambiguous_none_time.txt"));
  }

  @Test
  void branch_kerasSpiking() {
    String s =
        Model.of(branch())
            .energy(e -> e.accounting(Accounting.KERAS_SPIKING))
            .summaryString(o -> o.printWarnings(false));
    assertThat(s).isEqualTo(Golden.read("branch_keras_spiking.txt"));
  }

  @Test
  void branch_complete() {
    String s = Model.of(branch()).energy().summaryString(o -> o.printWarnings(false));
    assertThat(s).isEqualTo(Golden.read("branch_complete.txt"));
  }
}
