package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.neurojoule.layer.LayerStats;

/** {@link LayerRuleRegistry}: rules by layer type, and the default one estimates read. */
class LayerRuleRegistryTest {
  private static final LayerStatsRule NOTHING = (layer, in, out) -> LayerStats.NONE;

  @Test
  void registerAndUnregister_byType() {
    LayerRuleRegistry rules = LayerRuleRegistry.create();
    assertThat(rules.rule("Dense")).isEmpty();
    rules.register("Dense", NOTHING);
    assertThat(rules.rule("Dense")).hasValue(NOTHING);
    rules.unregister("Dense");
    assertThat(rules.rule("Dense")).isEmpty();
  }

  @Test
  void aNewRegistry_isIndependentOfTheDefault() {
    LayerRuleRegistry.create().register("Dense", NOTHING);
    assertThat(LayerRuleRegistry.defaults().rule("Dense")).isEmpty();
    assertThat(LayerRuleRegistry.defaults()).isSameInstanceAs(LayerRuleRegistry.defaults());
  }

  @Test
  void modelEnergy_registersInTheDefault_whichEstimatesRead() {
    String type = "LayerRuleRegistryTestDense";
    try {
      ModelEnergy.registerLayer(type, NOTHING);
      assertThat(LayerRuleRegistry.defaults().rule(type)).hasValue(NOTHING);
    } finally {
      ModelEnergy.unregisterLayer(type);
    }
    assertThat(LayerRuleRegistry.defaults().rule(type)).isEmpty();
  }
}
