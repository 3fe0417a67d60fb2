package org.neurojoule.examples;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.neurojoule.Comparison;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.examples.annotated.AnnotatedExamples;
import org.neurojoule.layer.Accounting;

/**
 * The examples' entry point: prints the energy tables of the documentation's MNIST model and of the
 * four example architectures in both accounting modes, firing rates and energy on spiking devices
 * from example data, the energy saved by the low-cost variants, then what the annotation processor
 * computed at compile time for the same networks declared as annotated classes.
 */
public final class Examples {
  private Examples() {}

  /** Prints everything to standard output. */
  public static void main(String[] args) {
    ExampleLogging.eachWarningOnce(System.err);
    run(System.out);
  }

  /** Prints everything to {@code out}. */
  public static void run(PrintStream out) {
    Model mnist = Architectures.mnist();
    ModelEnergy energy = mnist.energy();
    section(out, "MNIST model: energy summary");
    out.print(energy.summaryString(o -> o.printWarnings(false)));
    section(out, "MNIST model: cpu and gpu, synaptic and neuron energy");
    out.print(
        energy.summaryString(
            o ->
                o.columns(
                    "name",
                    "energy cpu",
                    "energy gpu",
                    "synop_energy cpu",
                    "synop_energy gpu",
                    "neuron_energy cpu",
                    "neuron_energy gpu")));

    section(out, "MNIST model on Loihi: firing rates from example data (all ones)");
    mnist.initializeWeights(0);
    ModelEnergy withRates = mnist.energy(e -> e.exampleData(ExampleData.filled(1.0, 32, 28, 28)));
    out.print(
        withRates.summaryString(
            o ->
                o.columns(
                    "name",
                    "rate",
                    "synop_energy cpu",
                    "synop_energy loihi",
                    "neuron_energy cpu",
                    "neuron_energy loihi",
                    "energy loihi")));

    architecture(out, "VGG9", Architectures::vgg9);
    architecture(out, "LCRM-VGG9", Architectures::lcrmVgg9);
    architecture(out, "AlexNet", Architectures::alexNet);
    architecture(out, "LCRM-AlexNet", Architectures::lcrmAlexNet);

    section(
        out,
        "Does the low-cost variant save energy? (COMPLETE accounting, 10 timesteps"
            + " on spiking devices, rates from 8 random images)");
    compare(out, "VGG9", Architectures.vgg9(), "LCRM-VGG9", Architectures.lcrmVgg9());
    compare(out, "AlexNet", Architectures.alexNet(), "LCRM-AlexNet", Architectures.lcrmAlexNet());

    // The same networks declared as annotated classes, counted by the processor at compile time.
    AnnotatedExamples.run(out);
  }

  private static void architecture(PrintStream out, String title, Supplier<Model> declare) {
    Model model = declare.get();
    section(out, title + ": Keras summary");
    out.print(model.summaryString());
    for (Accounting accounting : Accounting.values()) {
      section(out, title + ": energy, " + accounting + " accounting");
      out.print(model.energy(e -> e.accounting(accounting)).summaryString());
    }
  }

  /** Energy per inference of two networks on every built-in device, and the saving. */
  private static void compare(
      PrintStream out, String baseName, Model base, String lowName, Model low) {
    Comparison comparison =
        Comparison.of(withRandomRates(base), withRandomRates(low)).named(baseName, lowName);
    out.print(comparison.summaryString(o -> o.timestepsPerInference(10).printWarnings(false)));
    out.println();
  }

  /** Keras-initialised weights (seed 1) and 8 images of uniform noise in [0, 1). */
  private static ModelEnergy withRandomRates(Model model) {
    model.initializeWeights(1);
    int[] shape = model.inputs().get(0).shape().toArray();
    int[] batch = new int[shape.length + 1];
    batch[0] = 8;
    System.arraycopy(shape, 0, batch, 1, shape.length);
    int n = 1;
    for (int d : batch) {
      n *= d;
    }
    float[] pixels = new float[n];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < n; i++) {
      pixels[i] = random.nextFloat();
    }
    return model.energy(e -> e.exampleData(ExampleData.of(pixels, batch)));
  }

  private static void section(PrintStream out, String title) {
    out.println();
    out.println("## " + title);
    out.println();
  }
}
