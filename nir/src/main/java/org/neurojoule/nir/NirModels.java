package org.neurojoule.nir;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.neurojoule.Integration;
import org.neurojoule.Model;
import org.neurojoule.NirImportException;
import org.neurojoule.Provenance;

/**
 * Imports NIR graphs (the Neuromorphic Intermediate Representation, as the NIR library's {@code
 * nir.write} saves them in HDF5): {@code NirModels.load(Path.of("cnn.nir")).energy().summary()}.
 *
 * <p>The model is declared per timestep: its input is one step's shape, channels last (NIR's {@code
 * (C, H, W)} becomes {@code (H, W, C)}, weights and per-neuron constants permuted to match), and
 * its statistics are per step. Every primitive of the NIR specification maps to a layer; a
 * recurrent edge through an Affine or Linear node from a neuron back to its own input is folded
 * into the neuron's recurrent weights. Layer names are the node names (nested graphs' nodes as
 * {@code outer.inner}); stored weights are set on the layers. The README's "NIR models" lists the
 * mapping.
 *
 * <p>Every problem is a {@link NirImportException} naming the file, the node and what is wrong.
 */
public final class NirModels {
  private NirModels() {}

  /**
   * Import options, set with a configurer: {@code o -> o.integration(Integration.EXACT)}.
   *
   * <p>NIR stores its neurons' continuous ODEs; the spiking simulation steps them over its {@code
   * dt} ({@link org.neurojoule.EnergyOptions#simulate(double)}, {@code --dt}) with forward Euler by
   * default, which reproduces snnTorch and Norse, but overshoots (an error) when dt is longer than
   * a time constant, as the default 1 ms is for snnTorch's exports ({@code tau_mem} 6.7e-4 s).
   * {@link Integration#EXACT} integrates each neuron's ODE exactly over the step, as Rockpool and
   * Lava decay, for any dt.
   */
  public static final class Options {
    private static final Options DEFAULTS = new Options(Integration.EULER);

    private final Integration integration;

    private Options(Integration integration) {
      this.integration = integration;
    }

    /** {@return the default options: forward Euler} */
    public static Options defaults() {
      return DEFAULTS;
    }

    /**
     * {@return options whose model's leaky neurons (LI, LIF, CubaLI, CubaLIF) the spiking
     * simulation steps with {@code integration}} {@link Integration#EULER} (the default) or {@link
     * Integration#EXACT}; see {@link Integration} for the equations.
     *
     * @param integration how to step the neurons' ODEs
     */
    public Options integration(Integration integration) {
      return new Options(Objects.requireNonNull(integration, "integration == null"));
    }

    /** {@return how the model's leaky neurons are stepped} */
    public Integration integration() {
      return integration;
    }
  }

  /**
   * {@return the model in the NIR file {@code file}, with its stored weights}
   *
   * @param file the {@code .nir} file
   * @throws NirImportException naming the file, the node and the problem
   */
  public static Model load(Path file) {
    return load(file, UnaryOperator.identity());
  }

  /**
   * {@return the model in the NIR file {@code file}, with its stored weights, imported with
   * options: {@code NirModels.load(path, o -> o.integration(Integration.EXACT))}}
   *
   * @param file the {@code .nir} file
   * @param configure sets the options on the defaults
   * @throws NirImportException naming the file, the node and the problem
   */
  public static Model load(Path file, UnaryOperator<Options> configure) {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(configure, "configure == null");
    Options options =
        Objects.requireNonNull(configure.apply(Options.defaults()), "configure returned null");
    String label = file.toString();
    return new NirImporter(label)
        .toModel(NirReader.read(file, label))
        .recordProvenance(Provenance.imported(label, true))
        .recordIntegration(options.integration());
  }
}
