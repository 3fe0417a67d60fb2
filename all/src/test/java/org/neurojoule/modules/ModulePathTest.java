package org.neurojoule.modules;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;

/**
 * The jars work as named modules: run on the module path, the runtime finds its kernels and the
 * importers through their module declarations, and gives the figures it gives on the class path.
 * Both runs leave the optional native kernels out, so that both compute in pure Java.
 */
class ModulePathTest {
  static final Path ONNX = Path.of("../onnx/src/test/resources/onnx/squeezenet1_1.onnx");

  /** An int8 TFLite file: its schema classes come from jars without module names. */
  static final Path TFLITE = Path.of("../tflite/src/test/resources/tflite/kws_ref_model.tflite");

  /** The jars that go on the module path: NeuroJoule's and the modules they require. */
  private static final List<String> MODULE_JARS =
      List.of(
          "neurojoule-api",
          "neurojoule-runtime",
          "neurojoule-keras",
          "neurojoule-onnx",
          "neurojoule-nir",
          "neurojoule-tflite",
          "gson",
          "jhdf",
          "protobuf-java",
          "tensorflow-lite-metadata",
          "flatbuffers-java");

  /** The native kernels and what they bring, left out of both runs. */
  private static final List<String> NATIVE_JARS =
      List.of("neurojoule-native", "javacpp", "openblas", "dnnl", "opencl", "jna");

  static Model mnistWithWeights() {
    Model model =
        Model.input(28, 28, 1).conv2d(2, 7).relu().flatten().dense(128).relu().dense(10).model();
    model.initializeWeights(7);
    return model;
  }

  /** The firing rates and a spiking device's energy, for which every layer's kernel runs. */
  static String figures(Model model) {
    ExampleData data = ExampleData.filled(0.5, model.inputs().get(0).shape().prepend(1).toArray());
    var energy = model.energy(e -> e.exampleData(data));
    return "rates " + energy.rates() + " loihi " + energy.totalEnergy("loihi");
  }

  @Test
  void onTheModulePath_theJarsAreNamedModules_withTheClassPathsFigures()
      throws IOException, InterruptedException {
    List<String> modulePath = new ArrayList<>();
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (isJarOf(name, NATIVE_JARS)) {
        continue;
      }
      (isJarOf(name, MODULE_JARS) ? modulePath : classPath).add(entry);
    }
    assertThat(modulePath).hasSize(MODULE_JARS.size());

    List<String> onModules =
        run(
            List.of(
                "--module-path",
                String.join(File.pathSeparator, modulePath),
                "--add-modules",
                "org.neurojoule.keras,org.neurojoule.onnx,org.neurojoule.nir,org.neurojoule.tflite",
                "-cp",
                String.join(File.pathSeparator, classPath)));
    List<String> all = new ArrayList<>(modulePath);
    all.addAll(classPath);
    List<String> onClassPath = run(List.of("-cp", String.join(File.pathSeparator, all)));

    assertThat(onModules.subList(0, 3))
        .containsExactly(
            "runtime module: org.neurojoule.runtime",
            "api module: org.neurojoule.api",
            "formats: [Keras, NIR, ONNX, TFLite]")
        .inOrder();
    assertThat(onClassPath.subList(0, 3))
        .containsExactly(
            "runtime module: null", "api module: null", "formats: [Keras, NIR, ONNX, TFLite]")
        .inOrder();
    assertThat(onModules.subList(3, onModules.size()))
        .containsExactlyElementsIn(onClassPath.subList(3, onClassPath.size()))
        .inOrder();
    assertThat(onModules.get(3)).startsWith("rates {input_1=0.5, conv2d=0.5, re_lu=");
  }

  private static boolean isJarOf(String file, List<String> artifacts) {
    return file.endsWith(".jar")
        && artifacts.stream().anyMatch(a -> file.matches(a + "-[0-9].*\\.jar"));
  }

  private static List<String> run(List<String> paths) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(paths);
    command.add(ModulePathMain.class.getName());
    command.add(ONNX.toString());
    command.add(TFLITE.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertWithMessage(out).that(p.exitValue()).isEqualTo(0);
    List<String> lines = out.lines().toList();
    assertWithMessage(out).that(lines).hasSize(6);
    return lines;
  }
}
