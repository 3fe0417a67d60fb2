/**
 * The Keras importer: {@link org.neurojoule.keras.KerasModels} reads a model as Keras saved it (a
 * legacy {@code .h5}, a {@code .keras} archive, a {@code model.to_json()} architecture, or an
 * architecture with its weights file) into a {@link org.neurojoule.Model}, in pure Java, without
 * TensorFlow or a native HDF5 library. It also registers a {@link
 * org.neurojoule.importing.ModelFormat}, so {@link org.neurojoule.Models#load(java.nio.file.Path)}
 * reads these files too; every problem is an {@link org.neurojoule.KerasImportException}.
 */
package org.neurojoule.keras;
