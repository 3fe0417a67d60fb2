package org.neurojoule.importing;

import java.nio.file.Path;
import java.util.List;
import org.neurojoule.Model;
import org.neurojoule.Models;

/**
 * A model file format that {@link Models#load(Path)} can read: the service interface that each
 * importer artifact ({@code neurojoule-keras}, {@code neurojoule-onnx}, {@code neurojoule-nir})
 * implements and registers in {@code META-INF/services} (and {@code provides} in its module), so
 * that the core never lists the formats it reads. Users call {@link Models}; only a new importer
 * implements this.
 */
public interface ModelFormat {

  /** {@return the format's name as messages show it: {@code Keras}, {@code ONNX}, {@code NIR}} */
  String name();

  /** {@return the artifact that provides the format, named in errors: {@code neurojoule-onnx}} */
  String artifact();

  /** {@return the file name endings the format reads, lower case: {@code .onnx}} */
  List<String> extensions();

  /**
   * {@return whether {@code file} is in this format} Decided from the file's first bytes (its
   * signature) and, where two formats share a container (Keras {@code .h5} and NIR are both HDF5),
   * its name.
   *
   * @param file the file
   * @param head the file's first bytes (at most {@link Models#HEAD_BYTES}, fewer for a short file)
   */
  boolean recognizes(Path file, byte[] head);

  /**
   * {@return the model in {@code file}}
   *
   * @param file the file, which {@link #recognizes} accepted
   * @param options the import options
   * @throws org.neurojoule.ImportException naming the file, the place and the problem
   */
  Model load(Path file, Models.Options options);
}
