package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.Model.NONE;
import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;

import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Dense;
import org.neurojoule.shape.Shape;

class ModelTest {

  @Test
  void chain_namesLayersLikeKeras() {
    Model m = GoldenSummaryTest.mnist().model();
    assertThat(m.layerNames())
        .containsExactly("input_1", "conv2d", "re_lu", "flatten", "dense", "re_lu_1", "dense_1")
        .inOrder();
    assertThat(m.isChain()).isTrue();
  }

  @Test
  void namesAreCountedPerModel() {
    Model first = GoldenSummaryTest.mnist().model();
    Model second = GoldenSummaryTest.mnist().model();
    assertThat(second.layerNames()).isEqualTo(first.layerNames());
  }

  @Test
  void branches_areOrderedByDepthThenWalkOrder() {
    Model m = Model.of(GoldenSummaryTest.branch());
    assertThat(m.layerNames())
        .containsExactly(
            "input_1",
            "conv2d",
            "conv2d_1",
            "depthwise_conv2d",
            "batch_normalization",
            "re_lu",
            "re_lu_1",
            "concatenate",
            "flatten",
            "dense")
        .inOrder();
    assertThat(m.isChain()).isFalse();
  }

  @Test
  void givenNames_areKept_andAutoNamesSkipThem() {
    Tensor x = Model.input(new int[] {4}, i -> i.name("pixels"));
    Tensor out = x.dense(3, d -> d.name("dense")).dense(2).dense(1, d -> d.name("head"));
    assertThat(out.model().layerNames())
        .containsExactly("pixels", "dense", "dense_1", "head")
        .inOrder();
  }

  @Test
  void duplicateGivenNames_fail() {
    Tensor out = Model.input(4).dense(3, d -> d.name("fc")).dense(2, d -> d.name("fc"));
    var e = assertThrows(IllegalArgumentException.class, out::model);
    assertThat(e).hasMessageThat().contains("two layers are named 'fc'");
  }

  @Test
  void tensors_areImmutable_soBranchesShareAPrefix() {
    Tensor trunk = Model.input(8, 8, 3).conv2d(4, 3);
    Tensor left = trunk.flatten().dense(2);
    Tensor right = trunk.globalAveragePooling2d().dense(5);
    assertThat(trunk.shape()).isEqualTo(Shape.of(6, 6, 4));
    assertThat(left.shape()).isEqualTo(Shape.of(2));
    assertThat(right.shape()).isEqualTo(Shape.of(5));
    assertThat(Model.of(left).layers()).hasSize(4);
    assertThat(Model.of(left, right).layers()).hasSize(6);
  }

  @Test
  void reusedLayer_appearsOnce_withItsStatsSummed() {
    Tensor a = Model.input(16);
    Tensor b = Model.input(16);
    Tensor fa = a.dense(8, d -> d.activation(RELU));
    Tensor fb = fa.layer().apply(b);
    Model m = Model.of(java.util.List.of(a, b), java.util.List.of(Tensor.add(fa, fb)));
    assertThat(m.layerNames()).containsExactly("input_1", "input_2", "dense", "add").inOrder();
    ModelEnergy e = m.energy();
    assertThat(e.layerStats("dense").connections()).isEqualTo(2 * 16 * 8);
    assertThat(e.layerStats("dense").neurons()).isEqualTo(2 * 8);
    assertThat(m.params(m.layer("dense")).total()).isEqualTo(16 * 8 + 8);
    assertThat(m.isChain()).isFalse();
  }

  @Test
  void reusedLayer_withDifferentShapes_printsMultiple() {
    Tensor a = Model.input(16, 4);
    Tensor b = Model.input(4);
    Tensor fa = a.dense(8);
    Tensor fb = fa.layer().apply(b);
    Model m = Model.of(java.util.List.of(a, b), java.util.List.of(fa.flatten(), fb));
    assertThat(m.printedShape(m.layer("dense"))).isEqualTo("multiple");
  }

  @Test
  void modelOf_withMissingInput_fails() {
    Tensor a = Model.input(4);
    Tensor b = Model.input(4);
    Tensor sum = Tensor.add(a, b);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Model.of(java.util.List.of(a), java.util.List.of(sum)));
    assertThat(e).hasMessageThat().contains("not among the model's inputs");
  }

  @Test
  void layerLookup_unknownName_listsTheNames() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> GoldenSummaryTest.mnist().model().layer("conv"));
    assertThat(e).hasMessageThat().contains("no layer named 'conv'");
    assertThat(e).hasMessageThat().contains("conv2d");
  }

  @Test
  void timeDistributed_innerLayerTakesAName_likeKeras() {
    Tensor out = Model.input(NONE, 10).timeDistributed(t -> t.dense(4)).dense(2);
    assertThat(out.model().layerNames())
        .containsExactly("input_1", "time_distributed", "dense_1")
        .inOrder();
  }

  @Test
  void timeDistributed_mustWrapExactlyOneLayer() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Model.input(NONE, 10).timeDistributed(t -> t.dense(4).relu()));
    assertThat(e).hasMessageThat().contains("wraps exactly one layer");
  }

  @Test
  void customSpec_appliesThroughLayerOf() {
    Tensor x = Model.input(10);
    Tensor y = org.neurojoule.Layer.of(Dense.of(3).name("proj")).apply(x);
    assertThat(y.model().layerNames()).containsExactly("input_1", "proj").inOrder();
  }

  @Test
  void toString_readsAsTheChain() {
    Model m = Model.input(28, 28, 1).conv2d(2, 7, c -> c.padding(SAME)).relu().model();
    assertThat(m.toString()).isEqualTo("input 28x28x1 -> conv2d(2, 7x7, same) -> relu");
  }
}
