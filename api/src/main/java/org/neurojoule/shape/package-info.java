/**
 * Tensor shapes without the batch dimension ({@link org.neurojoule.shape.Shape}), whose undefined
 * dimensions are {@link org.neurojoule.shape.Shape#NONE} (Keras' {@code None}), and the {@link
 * org.neurojoule.shape.ShapeException} that a layer which does not fit its input throws, naming the
 * layer and the shapes.
 */
package org.neurojoule.shape;
