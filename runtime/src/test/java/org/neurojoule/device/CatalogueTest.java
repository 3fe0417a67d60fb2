package org.neurojoule.device;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.ModelEnergy;

/** The catalogue shipped beside the six built-ins: its figures, what they count and sources. */
class CatalogueTest {
  @Test
  void builtInsFirst_thenTheCatalogue_inItsOrder() {
    assertThat(DeviceRegistry.withBuiltIns().names())
        .containsExactly(
            "cpu",
            "gpu",
            "arm",
            "loihi",
            "spinnaker",
            "spinnaker2",
            "loihi-corrected",
            "horowitz",
            "horowitz-fp32",
            "horowitz-fp16",
            "horowitz-int8",
            "truenorth",
            "odin",
            "seneca",
            "a100",
            "h100",
            "quadro-k4000",
            "xeon-e5-2630",
            "jetson-tx1",
            "movidius-ncs",
            "loihi-wolf-mountain",
            "gap9",
            "syntiant-ndp9120",
            "stm32h7a3",
            "stm32l4r5",
            "stm32u385",
            "stm32u575",
            "loihi2",
            "akd1000",
            "jetson-agx-orin")
        .inOrder();
  }

  @Test
  void figures_areThePapers() {
    DeviceRegistry r = DeviceRegistry.withBuiltIns();
    assertThat(r.get("horowitz-fp32"))
        .isEqualTo(new Device("horowitz-fp32", 4.6e-12, 4.6e-12, false));
    assertThat(r.get("horowitz-fp16"))
        .isEqualTo(new Device("horowitz-fp16", 1.5e-12, 1.5e-12, false));
    assertThat(r.get("horowitz-int8"))
        .isEqualTo(new Device("horowitz-int8", 0.23e-12, 0.23e-12, false));
    assertThat(r.get("truenorth")).isEqualTo(new Device("truenorth", 26e-12, 0, true));
    assertThat(r.get("loihi-corrected"))
        .isEqualTo(new Device("loihi-corrected", 23.6e-12, 81e-12, true));
    assertThat(r.get("odin")).isEqualTo(new Device("odin", 12.7e-12, 0, true));
    assertThat(r.get("seneca")).isEqualTo(new Device("seneca", 2.8e-12, 0, true));
    // The reference's loihi keeps its 23.6 + 3.5 pJ.
    assertThat(r.get("loihi")).isEqualTo(new Device("loihi", (23.6 + 3.5) * 1e-12, 81e-12, true));
  }

  @Test
  void everyEntry_saysWhatItCounts_itsNodeKindAndSource() {
    DeviceRegistry r = DeviceRegistry.withBuiltIns();
    for (String name : r.names()) {
      DeviceInfo i = r.info(name);
      assertThat(i.counts()).isNotEmpty();
      assertThat(i.source()).isNotEmpty();
      assertThat(i.kind()).isNotEqualTo(DeviceInfo.Kind.UNSTATED);
    }
    assertThat(r.info("horowitz-fp32"))
        .isEqualTo(
            new DeviceInfo(
                "one 32-bit float MAC per"
                    + " synaptic operation and per neuron update: MAC 4.6 pJ = 3.7 pJ multiply + 0.9 pJ add;"
                    + " an AC (add only) is 0.9 pJ; memory (SRAM 10 / 20 / 100 pJ per 64-bit word at"
                    + " 8 KB / 32 KB / 1 MB, DRAM 1.3-2.6 nJ) is counted only by the memory-aware energy"
                    + " model",
                "45 nm",
                DeviceInfo.Kind.PRE_SILICON,
                "M. Horowitz, \"1.1 Computing's energy problem (and what we"
                    + " can do about it)\", IEEE ISSCC 2014, pp. 10-14 (45 nm, 0.9 V)"));
    assertThat(r.info("a100").kind()).isEqualTo(DeviceInfo.Kind.DERIVED);
    assertThat(r.costs("horowitz-fp32"))
        .isEqualTo(new OperationCosts(4.6e-12, 0.9e-12, OperationCosts.HOROWITZ_SRAM, 2.6e-9, 32));
    assertThat(r.costs("horowitz-fp16"))
        .isEqualTo(new OperationCosts(1.5e-12, 0.4e-12, OperationCosts.HOROWITZ_SRAM, 2.6e-9, 16));
    assertThat(r.costs("horowitz-int8"))
        .isEqualTo(new OperationCosts(0.23e-12, 0.03e-12, OperationCosts.HOROWITZ_SRAM, 2.6e-9, 8));
    // A device that gives no MAC/AC figures pays its synaptic operation figure for both.
    assertThat(r.costs("loihi"))
        .isEqualTo(
            new OperationCosts(
                BuiltInDevices.LOIHI.energyPerSynop(),
                BuiltInDevices.LOIHI.energyPerSynop(),
                OperationCosts.HOROWITZ_SRAM,
                2.6e-9,
                32));
    assertThat(r.info("truenorth").counts())
        .endsWith("the paper gives no separate" + " neuron-update figure, so 0 per neuron update");
  }

  @Test
  void theCatalogue_isUsableFromModelEnergy() {
    List<String> names = ModelEnergy.devices();
    assertThat(names).containsAtLeast("horowitz-fp32", "truenorth", "h100");
    assertThat(ModelEnergy.deviceInfo("TrueNorth").node()).isEqualTo("28 nm");
  }
}
