package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code model.summary()} end to end: the model's layers, shapes and counts in Keras' layout. */
class KerasSummaryTest {

  @Test
  void mnist_printsKerasTable() {
    String s = GoldenSummaryTest.mnist().model().summaryString();
    List<String> lines = s.lines().toList();
    assertThat(lines.get(0)).isEqualTo("Model: \"model\"");
    assertThat(lines.get(2))
        .isEqualTo(" Layer (type)                Output Shape              Param #   ");
    assertThat(lines).contains(" conv2d (Conv2D)             (None, 22, 22, 2)         100       ");
    assertThat(lines).contains(" input_1 (InputLayer)        [(None, 28, 28, 1)]       0         ");
    assertThat(lines)
        .containsAtLeast(
            "Total params: 125422 (489.93 KB)",
            "Trainable params: 125422 (489.93 KB)",
            "Non-trainable params: 0 (0.00 Byte)")
        .inOrder();
    assertThat(s).doesNotContain("Connected to");
  }

  @Test
  void batchNormalization_countsNonTrainableParameters() {
    String s = Model.input(4, 4, 8).batchNormalization().model().summaryString();
    assertThat(s).contains("Total params: 32 (128.00 Byte)");
    assertThat(s).contains("Trainable params: 16 (64.00 Byte)");
    assertThat(s).contains("Non-trainable params: 16 (64.00 Byte)");
  }

  @Test
  void branches_showWhatEachLayerIsConnectedTo() {
    String s = Model.of(GoldenSummaryTest.branch()).summaryString();
    assertThat(s).contains("Connected to");
    assertThat(s).contains("['conv2d[0][0]']");
    List<String> lines = s.lines().map(String::stripTrailing).toList();
    int row =
        lines.indexOf(
            " concatenate (Concatenate)   (None, 8, 8, 8)              0         "
                + "['re_lu[0][0]',");
    assertThat(row).isAtLeast(0);
    assertThat(lines.get(row + 1)).isEqualTo(" ".repeat(69) + "'re_lu_1[0][0]']");
  }

  @Test
  void reusedLayer_listsEveryApplication() {
    Tensor a = Model.input(16);
    Tensor b = Model.input(16);
    Tensor fa = a.dense(8);
    Tensor fb = fa.layer().apply(b);
    String s = Model.of(List.of(a, b), List.of(Tensor.add(fa, fb))).summaryString();
    assertThat(s).contains("['input_1[0][0]',");
    assertThat(s).contains("'input_2[0][0]']");
    assertThat(s).contains("['dense[0][0]',");
    assertThat(s).contains("'dense[1][0]']");
  }
}
