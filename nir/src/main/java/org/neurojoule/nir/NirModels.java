package org.neurojoule.nir;

import java.nio.file.Path;
import java.util.Objects;
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
   * {@return the model in the NIR file {@code file}, with its stored weights}
   *
   * @param file the {@code .nir} file
   * @throws NirImportException naming the file, the node and the problem
   */
  public static Model load(Path file) {
    Objects.requireNonNull(file, "file == null");
    String label = file.toString();
    return new NirImporter(label)
        .toModel(NirReader.read(file, label))
        .recordProvenance(Provenance.imported(label, true));
  }
}
