package org.neurojoule.modules;

import java.nio.file.Path;
import org.neurojoule.Model;
import org.neurojoule.Models;

/**
 * What {@link ModulePathTest} runs in a JVM whose NeuroJoule jars are on the module path: the
 * module each part comes from, the formats {@code Models.load} finds, and a model's firing rates
 * and energy, which need every kernel.
 */
public final class ModulePathMain {
  private ModulePathMain() {}

  /**
   * Prints the facts, one per line.
   *
   * @param args the paths of an ONNX file and a TFLite file to load
   */
  public static void main(String[] args) {
    System.out.println("runtime module: " + Model.class.getModule().getName());
    System.out.println("api module: " + org.neurojoule.layer.Padding.class.getModule().getName());
    System.out.println("formats: " + Models.formats());
    System.out.println(ModulePathTest.figures(ModulePathTest.mnistWithWeights()));
    System.out.println(ModulePathTest.figures(Models.load(Path.of(args[0]))));
    System.out.println(ModulePathTest.figures(Models.load(Path.of(args[1]))));
  }
}
