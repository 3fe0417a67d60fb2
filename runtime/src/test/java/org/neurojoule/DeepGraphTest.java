package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.ReLU;

/** Graphs deeper than any recursion could walk: building, counting, summaries and rates. */
class DeepGraphTest {
  private static final int DEPTH = 12_000;

  @Test
  void aLongChain_buildsCountsAndEstimates() {
    Tensor x = Model.input(2);
    for (int i = 0; i < DEPTH; i++) {
      x = Layer.of(ReLU.of().name("r" + i)).apply(x);
    }
    Model model = Model.of(x);
    assertThat(model.layers()).hasSize(DEPTH + 1);
    assertThat(model.layerNames().get(DEPTH)).isEqualTo("r" + (DEPTH - 1));
    assertThat(model.isChain()).isTrue();
    ModelEnergy energy = model.energy(e -> e.exampleData(ExampleData.filled(0.5, 3, 2)));
    assertThat(energy.layerStats("r0").neurons()).isEqualTo(2);
    assertThat(energy.rates().get("r" + (DEPTH - 1))).isWithin(1e-12).of(0.5);
    assertThat(energy.totalEnergy("cpu")).isWithin(1e-15).of(DEPTH * 2 * 8.6e-9);
    assertThat(energy.summaryString()).contains("r11999 (ReLU)");
    assertThat(model.summaryString()).contains("Total params: 0");
  }

  @Test
  void oneLayerReusedThousandsOfTimes_sumsItsApplications() {
    Tensor x = Model.input(3);
    Tensor y = x.dense(3, d -> d.name("shared"));
    Layer shared = y.layer();
    for (int i = 1; i < DEPTH; i++) {
      y = shared.apply(y);
    }
    Model model = Model.of(y);
    assertThat(model.layers()).hasSize(2);
    assertThat(model.applications(shared)).hasSize(DEPTH);
    ModelEnergy energy = model.energy();
    assertThat(energy.layerStats("shared").connections()).isEqualTo(9L * DEPTH);
    assertThat(model.params().total()).isEqualTo(12);
    assertThat(energy.summaryString()).contains("shared (Dense)");
  }

  @Test
  void chainsOfTenAndFiftyThousandAutoNamedLayers_buildNameAndEstimate() {
    for (int depth : new int[] {10_000, 50_000}) {
      Tensor x = Model.input(2);
      for (int i = 0; i < depth; i++) {
        x = i % 2 == 0 ? x.dense(2) : x.relu();
      }
      Model model = Model.of(x);
      assertThat(model.layers()).hasSize(depth + 1);
      assertThat(model.layerNames().subList(depth - 1, depth + 1))
          .containsExactly("dense_" + (depth / 2 - 1), "re_lu_" + (depth / 2 - 1))
          .inOrder();
      assertThat(model.indexOf(x.layer())).isEqualTo(depth);
      ModelEnergy energy = model.energy();
      assertThat(energy.layerStats("dense_" + (depth / 2 - 1)).connections()).isEqualTo(4);
      assertThat(model.params().total()).isEqualTo(6L * depth / 2);
    }
  }

  @Test
  void aLayerReusedTenThousandTimes_listsEveryNodeInTheSummary() {
    Tensor x = Model.input(3);
    Tensor y = x.dense(3);
    Layer shared = y.layer();
    for (int i = 1; i < 10_000; i++) {
      y = shared.apply(y);
    }
    Model model = Model.of(y);
    assertThat(model.nodeIndex(y)).isEqualTo(9_999);
    String summary = model.summaryString();
    assertThat(summary).contains("dense[9998][0]");
    assertThat(summary.split("dense\\[\\d+]\\[0]", -1)).hasLength(10_000); // 9,999 links to itself
  }

  @Test
  void aWideFanIn_ofManyBranches() {
    Tensor x = Model.input(4);
    Tensor[] branches = new Tensor[2_000];
    for (int i = 0; i < branches.length; i++) {
      branches[i] = Layer.of(Dense.of(1).name("b" + i)).apply(x);
    }
    Model model = Model.of(Tensor.concatenate(branches));
    assertThat(model.layers()).hasSize(branches.length + 2);
    assertThat(model.energy().layerStats("b1999").connections()).isEqualTo(4);
  }
}
