package org.neurojoule.nir;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The registry of NIR node types. */
class NirNodeRegistryTest {
  @Test
  void knowsEveryNirPrimitive_andMapsAllButTheGraphsOwn() {
    assertThat(NirNodeRegistry.known())
        .containsExactly(
            "Affine",
            "AvgPool2d",
            "Conv1d",
            "Conv2d",
            "CubaLI",
            "CubaLIF",
            "Delay",
            "Flatten",
            "I",
            "IF",
            "Input",
            "LI",
            "LIF",
            "Linear",
            "NIRGraph",
            "Output",
            "Scale",
            "SumPool2d",
            "Threshold")
        .inOrder();
    for (String type : NirNodeRegistry.known()) {
      boolean structural = type.equals("Input") || type.equals("Output") || type.equals("NIRGraph");
      assertThat(NirNodeRegistry.descriptor(type).isPresent()).isEqualTo(!structural);
    }
  }

  @Test
  void aNeuronDeclaresItsConstants_asNirNames() {
    assertThat(NirNodeRegistry.descriptor("LIF").orElseThrow().parameters())
        .containsAtLeast("tau", "v_threshold", "v_leak", "r");
  }
}
