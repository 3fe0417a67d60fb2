/**
 * The ONNX importer: {@link org.neurojoule.onnx.OnnxModels} reads an {@code .onnx} file as
 * PyTorch's exporter writes it into a channels-last {@link org.neurojoule.Model} that computes what
 * the original does. It also registers a {@link org.neurojoule.importing.ModelFormat}, so {@link
 * org.neurojoule.Models#load(java.nio.file.Path)} reads these files too; every problem is an {@link
 * org.neurojoule.OnnxImportException} naming the file and the node.
 */
package org.neurojoule.onnx;
