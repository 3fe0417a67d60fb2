package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Dropout;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.processor.RandomNetworks.RandomLayer;
import org.neurojoule.processor.RandomNetworks.RandomNetwork;
import org.neurojoule.shape.ShapeException;

/**
 * The property test: random networks, rendered as annotated source and compiled through the
 * processor, give exactly the runtime's figures when the runtime accepts them, and a compiler error
 * (with the runtime's message where the runtime places it on a layer) when it does not; never an
 * exception. Valid and broken networks are compiled in one batch each.
 */
class RandomNetworksTest {
  private static final int NETWORKS = 500;
  private static final long SEED = 20261123L;

  /** The generator's rarer features, as they appear in the source. */
  private static final Map<String, Pattern> FEATURES =
      Map.of(
          "per-axis sizes", Pattern.compile("(kernelSize|strides|poolSize) = \\{"),
          "dilationRate", Pattern.compile("dilationRate = "),
          "@Reshape", Pattern.compile("@Reshape\\("),
          "@Conv3D", Pattern.compile("@Conv3D\\("),
          "useBias = false", Pattern.compile("useBias = false"),
          "@Concatenate with an axis", Pattern.compile("@Concatenate\\([^)]*axis = "),
          "several @Input", Pattern.compile("@Input(?s:.*)@Input"));

  /** The layers whose output has their input's shape whatever their attributes. */
  private static final Pattern KEEPS_SHAPE =
      Pattern.compile(
          "@(ReLU|LeakyReLU|Activation|SpikingActivation|Dropout|BatchNormalization)\\b");

  /**
   * What the runtime makes of a network: a model and its energy, or the first error and the layer
   * to blame (the one it names or the one being built; null if neither).
   */
  private record Outcome(Model model, RuntimeException error, String brokenLayer) {}

  /** One compiler error: its message and line. */
  private record CompileError(String message, long line) {}

  @Test
  void randomNetworks_agreeWithTheRuntime() throws Exception {
    Random random = new Random(SEED);
    Map<RandomNetwork, Outcome> valid = new LinkedHashMap<>();
    Map<RandomNetwork, Outcome> broken = new LinkedHashMap<>();
    for (int i = 0; i < NETWORKS; i++) {
      RandomNetwork network = RandomNetworks.generate("Net" + i, random);
      Outcome outcome = runtime(network);
      (outcome.error() == null ? valid : broken).put(network, outcome);
    }
    assertWithMessage("valid networks").that(valid.size()).isAtLeast(NETWORKS / 5);
    assertWithMessage("broken networks").that(broken.size()).isAtLeast(NETWORKS / 5);
    // The generator must keep exercising each feature, in networks that work and that do not.
    for (Map.Entry<String, Pattern> feature : FEATURES.entrySet()) {
      for (Map<RandomNetwork, Outcome> set : List.of(valid, broken)) {
        long count =
            set.keySet().stream().filter(n -> feature.getValue().matcher(n.text()).find()).count();
        assertWithMessage(
                feature.getKey() + " in " + (set == valid ? "valid" : "broken") + " networks")
            .that(count)
            .isAtLeast(1L);
      }
    }
    checkValid(valid);
    checkBroken(broken);
  }

  private static void checkValid(Map<RandomNetwork, Outcome> valid) throws Exception {
    List<JavaFileObject> sources = valid.keySet().stream().map(RandomNetwork::source).toList();
    Compilation compilation = Sources.strictCompiler().compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    for (Map.Entry<RandomNetwork, Outcome> entry : valid.entrySet()) {
      RandomNetwork network = entry.getKey();
      Model expected = entry.getValue().model();
      Class<?> generated =
          RandomNetworks.load(compilation, "test." + network.className() + "Model");
      ModelEnergy complete = expected.energy();
      ModelEnergy reference = expected.energy(e -> e.accounting(Accounting.KERAS_SPIKING));
      long params = 0;
      long connections = 0;
      long neurons = 0;
      long kerasConnections = 0;
      long kerasNeurons = 0;
      for (Layer layer : expected.layers()) {
        String name = expected.nameOf(layer);
        String prefix = name.toUpperCase(Locale.ROOT);
        String where = network.className() + "." + name;
        LayerStats stats = complete.layerStats(name);
        LayerStats keras = reference.layerStats(name);
        assertWithMessage(where)
            .that(constant(generated, prefix + "_PARAMS"))
            .isEqualTo(expected.params(layer).total());
        assertWithMessage(where)
            .that(constant(generated, prefix + "_CONNECTIONS"))
            .isEqualTo(stats.connections());
        assertWithMessage(where)
            .that(constant(generated, prefix + "_NEURONS"))
            .isEqualTo(stats.neurons());
        if (keras.connections() != stats.connections() || keras.neurons() != stats.neurons()) {
          assertWithMessage(where)
              .that(constant(generated, prefix + "_CONNECTIONS_KERAS_SPIKING"))
              .isEqualTo(keras.connections());
          assertWithMessage(where)
              .that(constant(generated, prefix + "_NEURONS_KERAS_SPIKING"))
              .isEqualTo(keras.neurons());
        }
        assertWithMessage(where)
            .that(generated.getField(prefix + "_SHAPE").get(null))
            .isEqualTo(expected.applications(layer).get(0).shape());
        params += expected.params(layer).total();
        connections += stats.connections();
        neurons += stats.neurons();
        kerasConnections += keras.connections();
        kerasNeurons += keras.neurons();
      }
      assertWithMessage(network.className())
          .that(constant(generated, "TOTAL_PARAMS"))
          .isEqualTo(params);
      assertWithMessage(network.className())
          .that(constant(generated, "TOTAL_CONNECTIONS"))
          .isEqualTo(connections);
      assertWithMessage(network.className())
          .that(constant(generated, "TOTAL_NEURONS"))
          .isEqualTo(neurons);
      if (kerasConnections != connections || kerasNeurons != neurons) {
        assertWithMessage(network.className())
            .that(constant(generated, "TOTAL_CONNECTIONS_KERAS_SPIKING"))
            .isEqualTo(kerasConnections);
        assertWithMessage(network.className())
            .that(constant(generated, "TOTAL_NEURONS_KERAS_SPIKING"))
            .isEqualTo(kerasNeurons);
      }
      Model model = (Model) generated.getMethod("model").invoke(null);
      assertWithMessage(network.className())
          .that(model.layerNames())
          .containsExactlyElementsIn(expected.layerNames())
          .inOrder();
    }
  }

  private static void checkBroken(Map<RandomNetwork, Outcome> broken) {
    List<JavaFileObject> sources = broken.keySet().stream().map(RandomNetwork::source).toList();
    // javac stops listing errors after 100 by default.
    Compilation compilation =
        Sources.compiler().withOptions("-Xmaxerrs", "100000").compile(sources);
    assertThat(compilation).failed();
    Map<String, List<CompileError>> errorsByFile = new HashMap<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      String message = d.getMessage(Locale.ROOT);
      assertThat(message).doesNotContain("[NnInternal]");
      String file = d.getSource() == null ? "" : d.getSource().getName();
      errorsByFile
          .computeIfAbsent(file, f -> new ArrayList<>())
          .add(new CompileError(message, d.getLineNumber()));
    }
    int linesChecked = 0;
    for (Map.Entry<RandomNetwork, Outcome> entry : broken.entrySet()) {
      RandomNetwork network = entry.getKey();
      String className = network.className();
      List<CompileError> errors =
          errorsByFile.entrySet().stream()
              .filter(
                  e ->
                      e.getKey().equals("test/" + className + ".java")
                          || e.getKey().endsWith("/test/" + className + ".java"))
              .flatMap(e -> e.getValue().stream())
              .toList();
      RuntimeException error = entry.getValue().error();
      assertWithMessage(className + " should not compile: " + error).that(errors).isNotEmpty();
      List<String> messages = errors.stream().map(CompileError::message).toList();
      if (error instanceof ShapeException shape && shape.layerName().isPresent()) {
        assertWithMessage(className)
            .that(messages.stream().map(RandomNetworksTest::masked).toList())
            .contains(masked(shape.getMessage()));
      } else if (error instanceof ShapeException shape) {
        assertWithMessage(className)
            .that(String.join("\n", messages))
            .contains(": " + shape.detail());
      }
      // Each layer is one line of the source, so the error must be on the broken layer's line.
      String layer = entry.getValue().brokenLayer();
      if (error instanceof ShapeException shape && layer != null) {
        long line = network.lineOf(layer);
        assertWithMessage(
                className + ": an error on line " + line + " (" + layer + ") among " + errors)
            .that(
                errors.stream()
                    .anyMatch(
                        e ->
                            e.line() == line
                                && (masked(e.message()).equals(masked(shape.getMessage()))
                                    || e.message().contains(": " + shape.detail()))))
            .isTrue();
        linesChecked++;
      }
    }
    assertWithMessage("broken networks whose line is checked")
        .that(linesChecked)
        .isAtLeast(broken.size() / 2);
    checkEveryBuildError(broken.keySet(), errorsByFile);
  }

  /**
   * Every mistake the runtime finds when each layer is built on its own, over the layers it could
   * build, is among the compiler's errors: the processor does not stop at the first one.
   */
  private static void checkEveryBuildError(
      Set<RandomNetwork> broken, Map<String, List<CompileError>> errorsByFile) {
    int withSeveral = 0;
    for (RandomNetwork network : broken) {
      List<String> messages =
          errorsByFile.entrySet().stream()
              .filter(e -> e.getKey().endsWith("test/" + network.className() + ".java"))
              .flatMap(e -> e.getValue().stream())
              .map(CompileError::message)
              .toList();
      List<ShapeException> expected = buildErrors(network);
      for (ShapeException error : expected) {
        // A spec's own error is not placed on a layer at run time; the processor places it.
        // Placed on a layer, the message is the runtime's but for "layer N", which is the field's
        // position at compile time and the number of layers upstream at run time.
        boolean placed = error.layerName().isPresent();
        String atField =
            placed
                ? NetworkProcessorErrorsTest.atField(
                    position(network, error.layerName().get()), error.getMessage())
                : null;
        assertWithMessage(network.className() + ": " + atField + " among " + messages)
            .that(
                messages.stream()
                    .anyMatch(m -> placed ? m.equals(atField) : m.endsWith(": " + error.detail())))
            .isTrue();
      }
      if (expected.size() > 1) {
        withSeveral++;
      }
    }
    assertWithMessage("broken networks with several independent errors")
        .that(withSeveral)
        .isAtLeast(5);
  }

  /** A message with its "layer N" index masked, to compare the rest. */
  private static String masked(String message) {
    return message.replaceFirst("^(\\[\\w+\\] layer )\\d+ ", "$1# ");
  }

  /** The position of the field named {@code name} among the network's fields. */
  private static int position(RandomNetwork network, String name) {
    for (int i = 0; i < network.layers().size(); i++) {
      if (network.layers().get(i).name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no field " + name + " in " + network.className());
  }

  /**
   * The errors of building each layer whose inputs the runtime could build, going on after each
   * failure; for a layer whose inputs failed, the errors of its spec alone.
   */
  private static List<ShapeException> buildErrors(RandomNetwork network) {
    Map<String, Tensor> tensors = new HashMap<>();
    List<ShapeException> errors = new ArrayList<>();
    String previous = null;
    for (RandomLayer layer : network.layers()) {
      String name = layer.name();
      List<String> from =
          layer.from().isEmpty() && previous != null ? List.of(previous) : layer.from();
      try {
        if (layer.input() != null) {
          tensors.put(name, Model.input(layer.input(), i -> i.name(name)));
        } else if (from.stream().allMatch(tensors::containsKey)) {
          Tensor[] inputs = from.stream().map(tensors::get).toArray(Tensor[]::new);
          LayerSpec spec = specOrStandIn(layer, errors);
          if (spec != null) {
            tensors.put(name, Layer.of(RandomNetworks.named(spec, name)).apply(inputs));
          }
        } else {
          layer.spec().get();
        }
      } catch (ShapeException e) {
        errors.add(e);
      } catch (IllegalArgumentException e) {
        // An input of a non-positive size: no tensor, and the processor's own message.
      }
      previous = name;
    }
    return errors;
  }

  /**
   * The layer's spec; if it rejects a value, that error is recorded and a layer that keeps its
   * input's shape whatever the value gets a dropout in its place (one layer, as it counts in the
   * numbering), null any other.
   */
  private static LayerSpec specOrStandIn(RandomLayer layer, List<ShapeException> errors) {
    try {
      return layer.spec().get();
    } catch (ShapeException e) {
      errors.add(e);
      return KEEPS_SHAPE.matcher(layer.annotation()).lookingAt() ? Dropout.of(0) : null;
    }
  }

  /** Builds the network with the runtime, as a user of the fluent API could from specs. */
  private static Outcome runtime(RandomNetwork network) {
    String building = null;
    try {
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      Set<String> read = new HashSet<>();
      String previous = null;
      for (RandomLayer layer : network.layers()) {
        String name = layer.name();
        building = name;
        if (layer.input() != null) {
          tensors.put(name, Model.input(layer.input(), i -> i.name(name)));
        } else {
          List<String> from = layer.from().isEmpty() ? List.of(previous) : layer.from();
          read.addAll(from);
          Tensor[] inputs = from.stream().map(tensors::get).toArray(Tensor[]::new);
          tensors.put(name, Layer.of(RandomNetworks.named(layer.spec().get(), name)).apply(inputs));
        }
        previous = name;
      }
      building = null;
      Tensor[] outputs =
          tensors.entrySet().stream()
              .filter(e -> !read.contains(e.getKey()))
              .map(Map.Entry::getValue)
              .toArray(Tensor[]::new);
      Model model = Model.of(outputs);
      model.energy();
      model.energy(e -> e.accounting(Accounting.KERAS_SPIKING));
      model.params();
      return new Outcome(model, null, null);
    } catch (RuntimeException e) {
      String blamed =
          e instanceof ShapeException shape && shape.layerName().isPresent()
              ? shape.layerName().get()
              : building;
      return new Outcome(null, e, blamed);
    }
  }

  private static long constant(Class<?> type, String name) throws ReflectiveOperationException {
    return type.getField(name).getLong(null);
  }
}
