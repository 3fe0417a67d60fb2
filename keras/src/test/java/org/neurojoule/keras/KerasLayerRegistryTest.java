package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.Dropout;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.shape.Shape;

/** The registry of Keras layer classes and its descriptors. */
class KerasLayerRegistryTest {
  private static Cfg config(String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    return new Cfg(o, "model.h5", "layer 'x' (Test)");
  }

  @Test
  void everyClassIsListedOnce_withTheKeysItReads() {
    List<KerasLayerDescriptor> all = KerasLayerRegistry.all();
    assertThat(all.stream().map(KerasLayerDescriptor::className).distinct().count())
        .isEqualTo(all.size());
    assertThat(all).hasSize(64);
    assertThat(KerasLayerRegistry.descriptor("Dense").orElseThrow().configKeys())
        .containsExactly("units", "activation", "use_bias");
    assertThat(KerasLayerRegistry.descriptor("Lambda")).isEmpty();
  }

  @Test
  void aBoundClass_bindsItsConfigByNameThroughItsSpec() {
    LayerSpec s =
        KerasLayerRegistry.spec(
            "SpatialDropout2D",
            config("{\"name\": \"drop\", \"rate\": 0.25, \"trainable\": true}"),
            Shape.of(4, 4, 3));
    assertThat(s).isEqualTo(Dropout.of(0.25).name("drop"));
  }

  @Test
  void aHandWrittenMapping_readsItsConfig() {
    LayerSpec s =
        KerasLayerRegistry.spec(
            "Dense", config("{\"name\": \"d\", \"units\": 3, \"use_bias\": false}"), Shape.of(5));
    assertThat(s).isEqualTo(Dense.of(3).useBias(false).name("d"));
  }

  @Test
  void aMappingThatReadsAnUndeclaredKey_failsAnAssertion() {
    KerasLayerDescriptor sloppy =
        KerasLayerDescriptor.of(
            "Sloppy", (c, in) -> Dense.of(c.positiveInt("units", 1)).name(c.string("name")));
    assertThrows(AssertionError.class, () -> sloppy.map(config("{\"name\": \"d\"}"), Shape.of(2)));
  }
}
