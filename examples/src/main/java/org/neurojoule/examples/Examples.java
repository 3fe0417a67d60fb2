package org.neurojoule.examples;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.neurojoule.Accounting;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.examples.annotated.AnnotatedExamples;

/**
 * The examples' entry point: prints the energy tables of the documentation's MNIST model and of
 * the four example architectures in both accounting modes, then what the annotation processor
 * computed at compile time for the same networks declared as annotated classes.
 */
public final class Examples {
  private Examples() {}

  /** Prints everything to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Prints everything to {@code out}. */
  public static void run(PrintStream out) {
    Model mnist = Architectures.mnist();
    ModelEnergy energy = mnist.energy();
    section(out, "MNIST model: energy summary");
    out.print(energy.summaryString(o -> o.printWarnings(false)));
    section(out, "MNIST model: cpu and gpu, synaptic and neuron energy");
    out.print(energy.summaryString(o -> o.columns("name", "energy cpu", "energy gpu",
        "synop_energy cpu", "synop_energy gpu", "neuron_energy cpu", "neuron_energy gpu")));

    architecture(out, "VGG9", Architectures::vgg9);
    architecture(out, "LCRM-VGG9", Architectures::lcrmVgg9);
    architecture(out, "AlexNet", Architectures::alexNet);
    architecture(out, "LCRM-AlexNet", Architectures::lcrmAlexNet);

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

  private static void section(PrintStream out, String title) {
    out.println();
    out.println("## " + title);
    out.println();
  }
}
