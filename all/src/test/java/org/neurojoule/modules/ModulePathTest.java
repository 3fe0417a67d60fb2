package org.neurojoule.modules;

import static com.google.common.truth.Truth.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.Models;

/**
 * The jars work as named modules: run on the module path, the runtime finds its kernels and the
 * importers through their module declarations, and gives the figures it gives on the class path.
 */
class ModulePathTest {
  private static final Path ONNX = Path.of("../onnx/src/test/resources/onnx/squeezenet1_1.onnx");

  /** The jars that go on the module path: NeuroJoule's and the modules they require. */
  private static final List<String> MODULE_JARS = List.of("neurojoule-api", "neurojoule-runtime",
      "neurojoule-keras", "neurojoule-onnx", "neurojoule-nir", "gson", "jhdf", "protobuf-java");

  static Model mnist() {
    return Model.input(28, 28, 1).conv2d(2, 7).relu().flatten().dense(128).relu().dense(10)
        .model();
  }

  static Model mnistWithWeights() {
    Model model = mnist();
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
  void onTheModulePath_theRuntimeAndImportersAreNamedModules_withTheClassPathsFigures()
      throws IOException, InterruptedException {
    List<String> modulePath = new ArrayList<>();
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      boolean module = name.endsWith(".jar")
          && MODULE_JARS.stream().anyMatch(j -> name.matches(j + "-[0-9].*\\.jar"));
      (module ? modulePath : classPath).add(entry);
    }
    assertThat(modulePath).hasSize(MODULE_JARS.size());

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", String.join(File.pathSeparator, modulePath),
        "--add-modules", "org.neurojoule.keras,org.neurojoule.onnx,org.neurojoule.nir",
        "-cp", String.join(File.pathSeparator, classPath),
        ModulePathMain.class.getName(), ONNX.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isEqualTo(0);

    List<String> lines = out.lines().collect(Collectors.toList());
    assertThat(lines).containsAtLeast(
        "runtime module: org.neurojoule.runtime",
        "api module: org.neurojoule.api",
        "formats: [Keras, NIR, ONNX]",
        figures(mnistWithWeights()),
        figures(Models.load(ONNX))).inOrder();
  }
}
