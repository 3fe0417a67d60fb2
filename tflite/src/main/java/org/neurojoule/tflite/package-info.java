/**
 * TensorFlow Lite import: {@link org.neurojoule.tflite.TfliteModels#load(java.nio.file.Path)} reads
 * a {@code .tflite} flatbuffer, float or quantized, into a NeuroJoule model.
 */
package org.neurojoule.tflite;
