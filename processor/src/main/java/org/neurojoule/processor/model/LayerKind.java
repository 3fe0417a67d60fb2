package org.neurojoule.processor.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The layer annotations of {@code org.neurojoule.annotation}, one constant each, in the order
 * DESIGN.md lists the layers. {@link #TIME_DISTRIBUTED} wraps another layer annotation on the same
 * field and is not a layer by itself.
 */
public enum LayerKind {
  INPUT("Input", 0),
  CONV1D("Conv1D", 1),
  CONV2D("Conv2D", 2),
  CONV3D("Conv3D", 3),
  DEPTHWISE_CONV2D("DepthwiseConv2D", 2),
  SEPARABLE_CONV2D("SeparableConv2D", 2),
  DENSE("Dense", 0),
  RELU("ReLU", 0),
  LEAKY_RELU("LeakyReLU", 0),
  ACTIVATION("Activation", 0),
  BATCH_NORMALIZATION("BatchNormalization", 0),
  MAX_POOLING1D("MaxPooling1D", 1),
  MAX_POOLING2D("MaxPooling2D", 2),
  MAX_POOLING3D("MaxPooling3D", 3),
  AVERAGE_POOLING1D("AveragePooling1D", 1),
  AVERAGE_POOLING2D("AveragePooling2D", 2),
  AVERAGE_POOLING3D("AveragePooling3D", 3),
  GLOBAL_MAX_POOLING1D("GlobalMaxPooling1D", 1),
  GLOBAL_MAX_POOLING2D("GlobalMaxPooling2D", 2),
  GLOBAL_MAX_POOLING3D("GlobalMaxPooling3D", 3),
  GLOBAL_AVERAGE_POOLING1D("GlobalAveragePooling1D", 1),
  GLOBAL_AVERAGE_POOLING2D("GlobalAveragePooling2D", 2),
  GLOBAL_AVERAGE_POOLING3D("GlobalAveragePooling3D", 3),
  FLATTEN("Flatten", 0),
  RESHAPE("Reshape", 0),
  DROPOUT("Dropout", 0),
  ADD("Add", 0),
  CONCATENATE("Concatenate", 0),
  SPIKING_ACTIVATION("SpikingActivation", 0),
  TIME_DISTRIBUTED("TimeDistributed", 0);

  /** The package of the annotations. */
  public static final String PACKAGE = "org.neurojoule.annotation";

  private final String simpleName;
  private final int rank;

  LayerKind(String simpleName, int rank) {
    this.simpleName = simpleName;
    this.rank = rank;
  }

  /** The annotation's simple name, such as {@code Conv2D}: also Keras' class name. */
  public String simpleName() {
    return simpleName;
  }

  /** The annotation's qualified name. */
  public String qualifiedName() {
    return PACKAGE + "." + simpleName;
  }

  /** The number of spatial axes of windowed layers (1, 2 or 3); 0 for the others. */
  public int rank() {
    return rank;
  }

  /**
   * The fluent method that declares this layer, {@code conv2d} or {@code leakyRelu}: runtime
   * messages about bad arguments name the layer by it, and so do ours.
   */
  public String methodName() {
    String s = simpleName.replace("ReLU", "Relu").replaceAll("(\\d)D$", "$1d");
    return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }

  /**
   * Whether the layer's output has its input's shape whatever its attributes (activations,
   * dropout, batch normalization): after one with a bad value, the next layers can still be checked.
   */
  public boolean keepsShape() {
    return switch (this) {
      case RELU, LEAKY_RELU, ACTIVATION, SPIKING_ACTIVATION, DROPOUT, BATCH_NORMALIZATION -> true;
      default -> false;
    };
  }

  /** The kind whose annotation has this qualified name. */
  public static Optional<LayerKind> forAnnotation(String qualifiedName) {
    for (LayerKind kind : values()) {
      if (kind.qualifiedName().equals(qualifiedName)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
