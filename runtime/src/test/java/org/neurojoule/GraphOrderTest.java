package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.KerasNames;

/**
 * Names, order, positions and nodes of random graphs (branches, merges, shared ancestors, reused
 * layers, wrapped layers, given names) against a plain reference: Keras' algorithm written the
 * slow, obvious way (recursive walk, sorting with a comparator, counting names by scanning).
 */
class GraphOrderTest {
  private static final int GRAPHS = 300;

  @Test
  void randomGraphs_matchTheReferenceImplementation() {
    SplittableRandom random = new SplittableRandom(14);
    int withReuse = 0;
    for (int g = 0; g < GRAPHS; g++) {
      List<Tensor> outputs = randomGraph(random, g);
      Model model = Model.of(outputs.toArray(new Tensor[0]));
      Reference expected = new Reference(outputs);

      assertThat(model.layers()).containsExactlyElementsIn(expected.layers).inOrder();
      assertThat(model.inputs()).containsExactlyElementsIn(expected.inputs).inOrder();
      assertThat(model.executionOrder()).containsExactlyElementsIn(expected.postOrder).inOrder();
      assertThat(model.isChain()).isEqualTo(expected.chain);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < expected.layers.size(); i++) {
        Layer layer = expected.layers.get(i);
        names.add(expected.names.get(layer));
        assertThat(model.indexOf(layer)).isEqualTo(i);
        assertThat(model.applications(layer))
            .containsExactlyElementsIn(expected.nodes.get(layer))
            .inOrder();
      }
      assertThat(model.layerNames()).containsExactlyElementsIn(names).inOrder();
      withReuse += expected.postOrder.size() > expected.layers.size() ? 1 : 0;
      expected.names.forEach((layer, name) -> assertThat(model.nameOf(layer)).isEqualTo(name));
      for (Tensor node : expected.postOrder) {
        assertThat(model.nodeIndex(node)).isEqualTo(expected.nodes.get(node.layer()).indexOf(node));
      }
    }
    assertThat(withReuse).isGreaterThan(GRAPHS / 4); // many graphs do reuse layers
  }

  @Test
  void questionsAboutALayerOfAnotherModel_sayItIsNotPartOfThisModel() {
    Model model = Model.input(4).dense(2).model();
    Layer other = Model.input(4).dense(3, d -> d.name("elsewhere")).layer();
    String expected = "layer dense(3) is not part of this model";
    assertThat(model.indexOf(other)).isEqualTo(-1);
    assertThat(model.applications(other)).isEmpty();
    assertThat(assertThrows(IllegalArgumentException.class, () -> model.nameOf(other)).getMessage())
        .isEqualTo(expected);
    assertThat(assertThrows(IllegalArgumentException.class, () -> model.params(other)).getMessage())
        .isEqualTo(expected);
  }

  /**
   * Every tensor is (time, 4), so any layer fits any tensor and reused dense layers keep fitting.
   */
  private static List<Tensor> randomGraph(SplittableRandom random, int g) {
    List<Tensor> pool = new ArrayList<>();
    int inputs = 1 + random.nextInt(3);
    for (int i = 0; i < inputs; i++) {
      pool.add(Model.input(Model.NONE, 4));
    }
    List<Layer> dense = new ArrayList<>();
    int steps = 1 + random.nextInt(40);
    for (int s = 0; s < steps; s++) {
      Tensor a = pool.get(random.nextInt(pool.size()));
      Tensor b = pool.get(random.nextInt(pool.size()));
      Tensor out =
          switch (random.nextInt(8)) {
            case 0 -> a.relu();
            case 1 -> Tensor.add(a, b);
            case 2, 6 ->
                dense.isEmpty()
                    ? a.dense(4)
                    : dense.get(random.nextInt(dense.size())).apply(random.nextBoolean() ? a : b);
            case 3 -> a.timeDistributed(t -> t.dense(4));
            // A given name may be one an automatic name would take: that one is then skipped.
            case 4 ->
                a.dense(
                    4,
                    d ->
                        d.name(
                            (random.nextBoolean() ? "dense_" : "named_" + g + "_") + pool.size()));
            default -> {
              Tensor d = pool.get(pool.size() - 1).dense(4);
              dense.add(d.layer());
              yield d;
            }
          };
      pool.add(out);
    }
    List<Tensor> outputs = new ArrayList<>();
    outputs.add(pool.get(pool.size() - 1));
    for (int i = random.nextInt(3); i > 0; i--) {
      outputs.add(pool.get(inputs + random.nextInt(pool.size() - inputs)));
    }
    return outputs;
  }

  /** Keras' network map and naming, written for clarity rather than speed. */
  private static final class Reference {
    final List<Tensor> postOrder = new ArrayList<>();
    final Map<Layer, Integer> reached = new IdentityHashMap<>();
    final Map<Layer, List<Tensor>> nodes = new IdentityHashMap<>();
    final List<Layer> layers;
    final List<Tensor> inputs;
    final Map<Layer, String> names = new IdentityHashMap<>();
    final boolean chain;

    Reference(List<Tensor> outputs) {
      Set<Tensor> finished = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      for (Tensor out : outputs) {
        if (!finished.contains(out)) {
          reached.putIfAbsent(out.layer(), reached.size());
          walk(out, finished);
        }
      }
      Map<Tensor, Integer> nodeDepth = new IdentityHashMap<>();
      Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
      for (int i = postOrder.size() - 1; i >= 0; i--) {
        Tensor node = postOrder.get(i);
        int depth =
            Math.max(nodeDepth.getOrDefault(node, 0), layerDepth.getOrDefault(node.layer(), 0));
        layerDepth.put(node.layer(), depth);
        nodeDepth.put(node, depth);
        for (Tensor parent : node.inputs()) {
          nodeDepth.merge(parent, depth + 1, Math::max);
        }
      }
      List<Layer> ordered = new ArrayList<>(layerDepth.keySet());
      ordered.sort(
          Comparator.<Layer>comparingInt(l -> -layerDepth.get(l)).thenComparingInt(reached::get));
      layers = ordered;
      for (Tensor node : postOrder) {
        nodes.computeIfAbsent(node.layer(), l -> new ArrayList<>()).add(node);
      }
      inputs =
          postOrder.stream()
              .filter(t -> t.inputs().isEmpty())
              .sorted(Comparator.comparingInt(t -> reached.get(t.layer())))
              .toList();
      chain =
          layers.size() == postOrder.size()
              && new HashSet<>(nodeDepth.values()).size() == postOrder.size()
              && postOrder.stream().allMatch(n -> n.inputs().size() <= 1);
      name();
    }

    private void walk(Tensor node, Set<Tensor> finished) {
      for (Tensor in : node.inputs()) {
        if (!finished.contains(in)) {
          reached.putIfAbsent(in.layer(), reached.size());
          walk(in, finished);
        }
      }
      finished.add(node);
      postOrder.add(node);
    }

    /** Each layer object, wrapped ones too, in creation order: Keras' per-prefix counters. */
    private void name() {
      List<Layer> all = new ArrayList<>();
      for (Layer layer : layers) {
        all.add(layer);
        layer.wrapped().ifPresent(all::add);
      }
      all.sort(Comparator.comparingLong(Layer::creationOrder));
      Set<String> given = new HashSet<>();
      all.forEach(l -> l.givenName().ifPresent(given::add));
      Map<String, Integer> counters = new HashMap<>();
      for (Layer layer : all) {
        String name = layer.givenName().orElse(null);
        while (name == null || (layer.givenName().isEmpty() && given.contains(name))) {
          String prefix = layer.spec().namePrefix();
          int n = counters.merge(prefix, 1, Integer::sum) - 1;
          name = KerasNames.autoName(prefix, n);
        }
        names.put(layer, name);
      }
    }
  }
}
