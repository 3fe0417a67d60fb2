package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.keras.KerasImportTest.resource;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.neurojoule.EnergyOptions;
import org.neurojoule.KerasImportException;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Activation;

/** Input shapes given at import, for models saved with undefined dimensions. */
class KerasInputShapeImportTest {
  private static final Path TWELVE_NET =
      resource("k2_2.2.0_functional_12net_none_spatial_prelu_2outputs.h5");
  private static final Path TWO_INPUTS = resource("arch_k2_2.1.5_two_input_add.json");

  /** The 12net as its file declares it: conv1 ... PReLU3, then two heads. */
  private static Model twelveNetFluent() {
    Tensor p3 =
        Model.input(new int[] {12, 12, 3}, i -> i.name("input_2"))
            .conv2d(10, 3, c -> c.name("conv1"))
            .prelu(p -> p.sharedAxes(1, 2).name("PReLU1"))
            .maxPooling2d(2, p -> p.name("max_pooling2d_2"))
            .conv2d(16, 3, c -> c.name("conv2"))
            .prelu(p -> p.sharedAxes(1, 2).name("PReLU2"))
            .conv2d(32, 3, c -> c.name("conv3"))
            .prelu(p -> p.sharedAxes(1, 2).name("PReLU3"));
    return Model.of(
        p3.conv2d(2, 1, c -> c.activation(Activation.SOFTMAX).name("conv4-1")),
        p3.conv2d(4, 1, c -> c.name("conv4-2")));
  }

  @Test
  void twelveNet_withAnInputShape_hasTheStatisticsOfTheSameNetDeclaredFluently() {
    Model m = KerasModels.load(TWELVE_NET, o -> o.inputShape(12, 12, 3));
    Model fluent = twelveNetFluent();

    for (Accounting accounting : Accounting.values()) {
      UnaryOperator<EnergyOptions> how = e -> e.accounting(accounting);
      assertThat(m.energy(how).summaryString()).isEqualTo(fluent.energy(how).summaryString());
    }
    ModelEnergy e = m.energy();
    // conv1: 10x10x10 outputs x 3x3 kernel x 3 channels; conv3: 1x1x32 x 3x3 x 16.
    assertThat(e.layerStats("conv1").connections()).isEqualTo(27_000);
    assertThat(e.layerStats("PReLU1").neurons()).isEqualTo(1_000);
    assertThat(e.layerStats("conv3").connections()).isEqualTo(4_608);
    assertThat(e.layerStats("conv4-1").neurons()).isEqualTo(2);
    assertThat(m.params().total()).isEqualTo(6632);
    assertThat(m.layer("conv1").weights().get(0))
        .isEqualTo(KerasModels.load(TWELVE_NET).layer("conv1").weights().get(0));
  }

  @Test
  void twelveNet_byInputName_andMinusOneKeepsTheFilesDimension() {
    Model byName =
        KerasModels.load(TWELVE_NET, o -> o.inputShapes(Map.of("input_2", new int[] {24, 24, -1})));
    Model partly = KerasModels.load(TWELVE_NET, o -> o.inputShape(-1, 30, 3));

    assertThat(byName.inputs().get(0).shape().toKerasString()).isEqualTo("(None, 24, 24, 3)");
    assertThat(byName.applications(byName.layer("conv4-2")).get(0).shape().toKerasString())
        .isEqualTo("(None, 7, 7, 4)");
    assertThat(partly.inputs().get(0).shape().toKerasString()).isEqualTo("(None, None, 30, 3)");
  }

  @Test
  void aDimensionTheFileDefines_mustBeTheGivenOne() {
    KerasImportException e =
        assertThrows(
            KerasImportException.class,
            () -> KerasModels.load(TWELVE_NET, o -> o.inputShape(12, 12, 4)));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            TWELVE_NET
                + ": input 'input_2' is declared"
                + " (None, None, None, 3) in the file; the given (None, 12, 12, 4) has 4 at axis 3 (the"
                + " batch is axis 0), where the file has 3");
  }

  @Test
  void aShapeOfAnotherRank_isRefused() {
    KerasImportException e =
        assertThrows(
            KerasImportException.class,
            () -> KerasModels.load(TWELVE_NET, o -> o.inputShape(12, 12)));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            TWELVE_NET
                + ": input 'input_2' is declared"
                + " (None, None, None, 3) in the file; the given (None, 12, 12) has 2 dimensions without"
                + " the batch, the input 3");
  }

  @Test
  void oneShapeForSeveralInputs_asksForNames() {
    KerasImportException e =
        assertThrows(
            KerasImportException.class, () -> KerasModels.load(TWO_INPUTS, o -> o.inputShape(16)));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            TWO_INPUTS
                + ": one input shape was given, but the"
                + " model has 2 inputs ('input_3', 'input_4'); give each its shape by name (inputShapes,"
                + " or --input-shape NAME=DIMS)");
  }

  @Test
  void aNameThatIsNotAnInput_listsTheInputs() {
    KerasImportException e =
        assertThrows(
            KerasImportException.class,
            () ->
                KerasModels.load(
                    TWO_INPUTS, o -> o.inputShapes(Map.of("input_9", new int[] {16}))));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            TWO_INPUTS
                + ": an input shape was given for"
                + " 'input_9', which is not an input of the model; its inputs are 'input_3', 'input_4'");
  }

  @Test
  void badDimensions_areRefusedNamingTheValue() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> KerasModels.load(TWELVE_NET, o -> o.inputShape(12, 0, 3)));
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> KerasModels.load(TWELVE_NET, o -> o.inputShape(new int[0])));
    IllegalArgumentException named =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                KerasModels.load(
                    TWELVE_NET, o -> o.inputShapes(Map.of("input_2", new int[] {-2, 12, 3}))));

    assertThat(zero)
        .hasMessageThat()
        .isEqualTo(
            "inputShape: dimension 0 in [12, 0, 3] must be"
                + " positive, or -1 to keep the file's");
    assertThat(empty).hasMessageThat().isEqualTo("inputShape: no dimensions given");
    assertThat(named)
        .hasMessageThat()
        .isEqualTo(
            "inputShapes 'input_2': dimension -2 in"
                + " [-2, 12, 3] must be positive, or -1 to keep the file's");
  }
}
