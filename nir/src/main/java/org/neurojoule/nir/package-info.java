/**
 * The NIR importer: {@link org.neurojoule.nir.NirModels} reads a graph of the Neuromorphic
 * Intermediate Representation ({@code .nir}, HDF5) into a {@link org.neurojoule.Model} of spiking
 * neuron layers, declared for one timestep, which the spiking simulation runs on example data. It
 * also registers a {@link org.neurojoule.importing.ModelFormat}, so {@link
 * org.neurojoule.Models#load(java.nio.file.Path)} reads these files too; every problem is a {@link
 * org.neurojoule.NirImportException} naming the file and the node.
 */
package org.neurojoule.nir;
