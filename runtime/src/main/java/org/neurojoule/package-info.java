/**
 * Per-inference energy estimates of neural networks: declare a network, or load one, and ask what
 * it costs on a CPU, a GPU or a neuromorphic chip.
 *
 * <p>{@link org.neurojoule.Model} and {@link org.neurojoule.Tensor} declare a network fluently,
 * with layer methods named after the Keras layers; {@link org.neurojoule.Models#load(
 * java.nio.file.Path)} reads a Keras, ONNX or NIR file with whichever importer is on the class
 * path. {@link org.neurojoule.ModelEnergy}, from {@code model.energy()}, gives per-layer
 * parameters, connections (synaptic operations), neuron updates, firing rates from example data
 * ({@link org.neurojoule.ExampleData}) and joules per inference on every device, as tables ({@link
 * org.neurojoule.SummaryOptions}), CSV and JSON exports, and an HTML report ({@link
 * org.neurojoule.Report}). {@link org.neurojoule.Comparison} puts several estimates side by side.
 * Every import error is an {@link org.neurojoule.ImportException}.
 */
package org.neurojoule;
