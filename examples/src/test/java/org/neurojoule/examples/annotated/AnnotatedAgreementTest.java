package org.neurojoule.examples.annotated;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.examples.Architectures;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.shape.Shape;

/**
 * The agreement of the two ways to declare the example networks: the constants the processor
 * generated from the annotated classes equal what the runtime computes for the fluent versions,
 * layer by layer, and the generated {@code model()} prints the same summaries.
 */
class AnnotatedAgreementTest {

  @Test
  void mnist_constantsEqualRuntimeFigures() throws Exception {
    assertAgree(MnistModel.class, Architectures::mnist);
    // The documentation's figures, spelled out once.
    assertThat(MnistModel.CONV2D_PARAMS).isEqualTo(100);
    assertThat(MnistModel.CONV2D_CONNECTIONS).isEqualTo(47432);
    assertThat(MnistModel.CONV2D_SHAPE).isEqualTo(Shape.of(22, 22, 2));
    assertThat(MnistModel.TOTAL_PARAMS).isEqualTo(125422);
  }

  @Test
  void vgg9_constantsEqualRuntimeFigures() throws Exception {
    assertAgree(Vgg9Model.class, Architectures::vgg9);
  }

  @Test
  void lcrmVgg9_constantsEqualRuntimeFigures() throws Exception {
    assertAgree(LcrmVgg9Model.class, Architectures::lcrmVgg9);
    // Depthwise convolutions are counted beyond the reference.
    assertThat(LcrmVgg9Model.DEPTHWISE_CONV2D_CONNECTIONS_KERAS_SPIKING).isEqualTo(0);
    assertThat(LcrmVgg9Model.DEPTHWISE_CONV2D_CONNECTIONS).isGreaterThan(0);
  }

  @Test
  void alexNet_constantsEqualRuntimeFigures() throws Exception {
    assertAgree(AlexNetModel.class, Architectures::alexNet);
  }

  @Test
  void lcrmAlexNet_constantsEqualRuntimeFigures() throws Exception {
    assertAgree(LcrmAlexNetModel.class, Architectures::lcrmAlexNet);
  }

  @Test
  void annotatedExamples_run() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AnnotatedExamples.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("LCRM-AlexNet");
  }

  private static void assertAgree(Class<?> generated, Supplier<Model> fluent) throws Exception {
    Model expected = fluent.get();
    Model actual = (Model) generated.getMethod("model").invoke(null);
    assertThat(actual.layerNames()).containsExactlyElementsIn(expected.layerNames()).inOrder();
    assertThat(actual.energy().summaryString()).isEqualTo(expected.energy().summaryString());
    assertThat(actual.energy(e -> e.accounting(Accounting.KERAS_SPIKING)).summaryString())
        .isEqualTo(expected.energy(e -> e.accounting(Accounting.KERAS_SPIKING)).summaryString());

    ModelEnergy complete = expected.energy();
    ModelEnergy reference = expected.energy(e -> e.accounting(Accounting.KERAS_SPIKING));
    long params = 0;
    long connections = 0;
    long neurons = 0;
    for (Layer layer : expected.layers()) {
      String name = expected.nameOf(layer);
      String prefix = name.toUpperCase(Locale.ROOT);
      LayerStats stats = complete.layerStats(name);
      LayerStats keras = reference.layerStats(name);
      long layerParams = expected.params(layer).total();
      assertWithMessage(name).that(constant(generated, prefix + "_PARAMS")).isEqualTo(layerParams);
      assertWithMessage(name)
          .that(constant(generated, prefix + "_CONNECTIONS"))
          .isEqualTo(stats.connections());
      assertWithMessage(name)
          .that(constant(generated, prefix + "_NEURONS"))
          .isEqualTo(stats.neurons());
      boolean differs =
          keras.connections() != stats.connections() || keras.neurons() != stats.neurons();
      assertWithMessage(name)
          .that(hasField(generated, prefix + "_CONNECTIONS_KERAS_SPIKING"))
          .isEqualTo(differs);
      if (differs) {
        assertWithMessage(name)
            .that(constant(generated, prefix + "_CONNECTIONS_KERAS_SPIKING"))
            .isEqualTo(keras.connections());
        assertWithMessage(name)
            .that(constant(generated, prefix + "_NEURONS_KERAS_SPIKING"))
            .isEqualTo(keras.neurons());
      }
      assertWithMessage(name)
          .that(generated.getField(prefix + "_SHAPE").get(null))
          .isEqualTo(expected.applications(layer).get(0).shape());
      Method accessor = generated.getMethod(name);
      LayerSpec spec = (LayerSpec) accessor.invoke(null);
      assertWithMessage(name).that(spec.describe()).isEqualTo(layer.spec().describe());
      assertWithMessage(name).that(spec.name()).hasValue(name);
      params += layerParams;
      connections += stats.connections();
      neurons += stats.neurons();
    }
    assertThat(constant(generated, "TOTAL_PARAMS")).isEqualTo(params);
    assertThat(constant(generated, "TOTAL_CONNECTIONS")).isEqualTo(connections);
    assertThat(constant(generated, "TOTAL_NEURONS")).isEqualTo(neurons);
    assertThat(constant(generated, "TOTAL_PARAMS")).isEqualTo(expected.params().total());
  }

  private static long constant(Class<?> type, String name) throws ReflectiveOperationException {
    Field field = type.getField(name);
    return field.getLong(null);
  }

  private static boolean hasField(Class<?> type, String name) {
    try {
      type.getField(name);
      return true;
    } catch (NoSuchFieldException e) {
      return false;
    }
  }
}
