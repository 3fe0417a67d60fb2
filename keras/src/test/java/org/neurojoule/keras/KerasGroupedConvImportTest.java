package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.KerasImportException;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Conv;
import org.neurojoule.shape.Shape;

/** Keras' {@code groups} (Keras 2.3+ and 3 store it on Conv1D/2D/3D) maps onto Conv's option. */
class KerasGroupedConvImportTest {
  @TempDir Path tmp;

  /** A Sequential model of one convolution on an input of {@code inputShape}. */
  private Path model(String layer, String inputShape, String extra, String conv)
      throws IOException {
    Path file = tmp.resolve("grouped.json");
    Files.writeString(
        file,
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"seq\","
            + " \"layers\": [{\"class_name\": \""
            + layer
            + "\", \"config\": {\"name\": \""
            + conv
            + "\", \"batch_input_shape\": [null, "
            + inputShape
            + "], \"dtype\": \"float32\","
            + extra
            + " \"padding\": \"valid\", \"data_format\": \"channels_last\","
            + " \"activation\": \"relu\", \"use_bias\": true}}]}}");
    return file;
  }

  @Test
  void conv2dWithGroups_importsAsGroupedConv_withKerasParamsAndMacs() throws IOException {
    Model m =
        KerasModels.load(
            model(
                "Conv2D",
                "10, 10, 8",
                "\"filters\": 16, \"kernel_size\":"
                    + " [3, 3], \"strides\": [1, 1], \"dilation_rate\": [1, 1], \"groups\": 4,",
                "conv"));

    Layer conv = m.layer("conv");
    assertThat(((Conv) conv.spec()).groups()).isEqualTo(4);
    assertThat(m.applications(conv).get(0).shape().toKerasString()).isEqualTo("(None, 8, 8, 16)");
    // Keras: 3 * 3 * (8 / 4) * 16 + 16.
    assertThat(m.params(conv).total()).isEqualTo(304);
    assertThat(conv.spec().weights(List.of(Shape.of(10, 10, 8))).get(0).shape())
        .isEqualTo(new int[] {3, 3, 2, 16});
    for (Accounting accounting : Accounting.values()) {
      ModelEnergy e = m.energy(o -> o.accounting(accounting));
      // 8 * 8 * 16 outputs, each from 3 * 3 * 2 inputs.
      assertThat(e.layerStats("conv").connections()).isEqualTo(8L * 8 * 16 * 3 * 3 * 2);
    }
  }

  @Test
  void conv1dAndConv3dWithGroups_import() throws IOException {
    Model one =
        KerasModels.load(
            model(
                "Conv1D",
                "12, 6",
                "\"filters\": 9, \"kernel_size\": [3],"
                    + " \"strides\": [1], \"dilation_rate\": [1], \"groups\": 3,",
                "c1"));
    assertThat(((Conv) one.layer("c1").spec()).groups()).isEqualTo(3);
    assertThat(one.params(one.layer("c1")).total()).isEqualTo(3 * 2 * 9 + 9);

    Model three =
        KerasModels.load(
            model(
                "Conv3D",
                "4, 4, 4, 4",
                "\"filters\": 4, \"kernel_size\":"
                    + " [2, 2, 2], \"strides\": [1, 1, 1], \"dilation_rate\": [1, 1, 1], \"groups\": 4,",
                "c3"));
    assertThat(((Conv) three.layer("c3").spec()).groups()).isEqualTo(4);
    assertThat(three.params(three.layer("c3")).total()).isEqualTo(8 * 1 * 4 + 4);
  }

  @Test
  void groupsNotDividingTheInputChannels_isRefusedNamingLayerChannelsAndGroups()
      throws IOException {
    Path file =
        model(
            "Conv2D",
            "10, 10, 6",
            "\"filters\": 8, \"kernel_size\": [3, 3],"
                + " \"strides\": [1, 1], \"dilation_rate\": [1, 1], \"groups\": 4,",
            "conv2d_1");

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(file));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            file
                + ": layer 'conv2d_1' (Conv2D):"
                + " [NnInvalidArgument] layer 1 'conv2d_1' conv2d(8, 3x3, relu, groups 4): groups 4 must"
                + " divide both the input channels and the filters, but the input 10x10x6 has 6 channels,"
                + " not a multiple of 4");
  }

  @Test
  void groupsZeroOrBeyondTheFilters_isRefusedNamingTheField() throws IOException {
    String conv =
        "\"filters\": 8, \"kernel_size\": [3, 3], \"strides\": [1, 1],"
            + " \"dilation_rate\": [1, 1], \"groups\": ";
    Path zero = model("Conv2D", "10, 10, 8", conv + "0,", "c");
    assertThat(assertThrows(KerasImportException.class, () -> KerasModels.load(zero)))
        .hasMessageThat()
        .isEqualTo(
            zero + ": layer 'c' (Conv2D): field 'groups' must be a" + " positive integer, was 0");

    Path huge = model("Conv2D", "10, 10, 8", conv + "2147483647,", "c");
    assertThat(assertThrows(KerasImportException.class, () -> KerasModels.load(huge)))
        .hasMessageThat()
        .isEqualTo(
            huge
                + ": layer 'c' (Conv2D): [NnInvalidArgument] groups"
                + " 2147483647 must divide both the input channels and the filters, but filters 8 is"
                + " not a multiple of 2147483647");
  }

  @Test
  void groupsOnAConvTranspose_isStillRefused() throws IOException {
    Path file =
        model(
            "Conv2DTranspose",
            "10, 10, 4",
            "\"filters\": 4, \"kernel_size\": [3, 3],"
                + " \"strides\": [1, 1], \"dilation_rate\": [1, 1], \"groups\": 2,",
            "up");

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(file));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            file
                + ": layer 'up' (Conv2DTranspose): field"
                + " 'groups' is 2; NeuroJoule's transposed convolutions are not grouped");
  }
}
