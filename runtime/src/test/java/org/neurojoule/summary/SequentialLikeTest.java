package org.neurojoule.summary;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.summary.KerasSummaryPrinter.GraphNode;
import org.neurojoule.summary.KerasSummaryPrinter.ModelKind;

/**
 * Keras' {@code sequential_like} rule (tf-keras 2.15 {@code print_summary}): Sequential and
 * subclassed models always; functional models when every depth of {@code _nodes_by_depth} holds a
 * single node with at most one input tensor and no layer has two nodes in the graph.
 */
class SequentialLikeTest {

  private static GraphNode node(String layer, String... inputs) {
    return new GraphNode(layer, 0, List.of(inputs));
  }

  @Test
  void mnistChainIsSequentialLike() {
    // depths: dense_1 0, re_lu_1 1, dense 2, flatten 3, re_lu 4, conv2d 5, input_1 6: one each.
    List<GraphNode> nodes =
        List.of(
            node("input_1"),
            node("conv2d", "input_1[0][0]"),
            node("re_lu", "conv2d[0][0]"),
            node("flatten", "re_lu[0][0]"),
            node("dense", "flatten[0][0]"),
            node("re_lu_1", "dense[0][0]"),
            node("dense_1", "re_lu_1[0][0]"));
    assertThat(KerasSummaryPrinter.isSequentialLike(ModelKind.FUNCTIONAL, nodes)).isTrue();
  }

  @Test
  void listOrderDoesNotMatter() {
    // Depths come from the graph, not from the position in the list.
    List<GraphNode> shuffled =
        List.of(
            node("b", "a[0][0]"), node("c", "b[0][0]"), node("a", "input[0][0]"), node("input"));
    assertThat(KerasSummaryPrinter.isSequentialLike(ModelKind.FUNCTIONAL, shuffled)).isTrue();
  }

  @Test
  void mergeIsNotSequentialLike() {
    // concatenate has two input tensors (and dense/dense_1 share a depth).
    List<GraphNode> nodes =
        List.of(
            node("input_1"),
            node("dense", "input_1[0][0]"),
            node("dense_1", "input_1[0][0]"),
            node("concatenate", "dense[0][0]", "dense_1[0][0]"));
    assertThat(KerasSummaryPrinter.isSequentialLike(ModelKind.FUNCTIONAL, nodes)).isFalse();
  }

  @Test
  void twoOutputsAreNotSequentialLike() {
    // out_a and out_b are both sinks, hence both at depth 0.
    List<GraphNode> nodes =
        List.of(
            node("input_1"),
            node("trunk", "input_1[0][0]"),
            node("out_a", "trunk[0][0]"),
            node("out_b", "trunk[0][0]"));
    assertThat(KerasSummaryPrinter.isSequentialLike(ModelKind.FUNCTIONAL, nodes)).isFalse();
  }

  @Test
  void outputThatFeedsTheNextLayerIsStillAChain() {
    // outputs=[a, b] with b = B(a): depths b 0, a 1, input 2.
    List<GraphNode> nodes =
        List.of(node("input_1"), node("a", "input_1[0][0]"), node("b", "a[0][0]"));
    assertThat(KerasSummaryPrinter.isSequentialLike(ModelKind.FUNCTIONAL, nodes)).isTrue();
  }

  @Test
  void sharedLayerIsNotSequentialLike() {
    // x -> dense -> dense (the same layer called twice): one node per depth, but the layer owns
    // two nodes of the graph.
    List<GraphNode> nodes =
        List.of(
            node("input_1"),
            new GraphNode("dense", 0, List.of("input_1[0][0]")),
            new GraphNode("dense", 1, List.of("dense[0][0]")));
    assertThat(KerasSummaryPrinter.isSequentialLike(ModelKind.FUNCTIONAL, nodes)).isFalse();
  }

  @Test
  void sequentialAndSubclassedAreAlwaysSequentialLike() {
    List<GraphNode> branching =
        List.of(
            node("i"), node("a", "i[0][0]"), node("b", "i[0][0]"), node("c", "a[0][0]", "b[0][0]"));
    assertThat(KerasSummaryPrinter.isSequentialLike(ModelKind.SEQUENTIAL, branching)).isTrue();
    assertThat(KerasSummaryPrinter.isSequentialLike(ModelKind.SUBCLASSED, List.of())).isTrue();
  }

  @Test
  void rejectsUnknownReferences() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KerasSummaryPrinter.isSequentialLike(
                ModelKind.FUNCTIONAL, List.of(node("a", "missing[0][0]"))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KerasSummaryPrinter.isSequentialLike(
                ModelKind.FUNCTIONAL, List.of(node("i"), node("a", "i"))));
  }
}
