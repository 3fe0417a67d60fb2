package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.keras.KerasImportTest.resource;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;

/**
 * A nested Sequential whose inner layer names contain {@code /}, stored as tf.keras 2.9 does
 * (YAMNet's layout; the file is written by {@code make_nested_slash_names.py} in the test
 * resources, which also computes the expected outputs with numpy).
 */
class KerasNestedSlashNamesTest {
  private static final String FILE = "tfk_2.9.0_nested_slash_names.h5";

  @Test
  void innerLayersWithSlashes_getTheirStoredWeights() {
    Model m = KerasModels.load(resource(FILE));

    assertThat(m.layerNames())
        .containsExactly(
            "input_1", "layer1/conv", "layer1/conv/bn", "layer1/relu", "pool", "logits")
        .inOrder();
    assertThat(m.params(m.layer("layer1/conv")).total()).isEqualTo(3 * 3 * 2 * 3);
    assertThat(m.params(m.layer("layer1/conv/bn")).total()).isEqualTo(3 * 3);
    assertThat(m.params().total()).isEqualTo(54 + 9 + 8);
    assertThat(m.layer("layer1/conv").hasWeights()).isTrue();
    assertThat(m.layer("layer1/conv/bn").hasWeights()).isTrue();
  }

  @Test
  void predict_equalsTheIndependentForwardPass() throws IOException {
    JsonObject expected =
        JsonParser.parseString(
                Files.readString(resource("tfk_2.9.0_nested_slash_names.expected.json")))
            .getAsJsonObject();
    float[] x = flatten(expected.getAsJsonArray("input"));
    float[] want = flatten(expected.getAsJsonArray("output"));
    Model m = KerasModels.load(resource(FILE));

    List<ExampleData> out = m.predict(ExampleData.of(x, 2, 4, 4, 2));

    assertThat(out.get(0).shape()).asList().containsExactly(2, 2).inOrder();
    float[] got = out.get(0).values();
    for (int i = 0; i < want.length; i++) {
      assertThat((double) got[i]).isWithin(1e-4).of(want[i]);
    }
  }

  private static float[] flatten(JsonArray a) {
    List<Float> values = new java.util.ArrayList<>();
    collect(a, values);
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static void collect(JsonArray a, List<Float> out) {
    a.forEach(
        e -> {
          if (e.isJsonArray()) {
            collect(e.getAsJsonArray(), out);
          } else {
            out.add(e.getAsFloat());
          }
        });
  }
}
