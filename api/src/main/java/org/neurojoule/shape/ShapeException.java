package org.neurojoule.shape;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A layer declaration that cannot work: a kernel that does not fit, a mismatched merge, a size out
 * of range.
 *
 * <p>Layer specs throw it without knowing where they sit in a network; whoever applies the spec
 * (the fluent builder at run time, the annotation processor at compile time) adds the layer with
 * {@link #inLayer}, so both report the same text: {@code [NnKernelTooLarge] layer 1 'conv2d'
 * conv2d(64, 11x11, strides 4, valid): input 5x5x3 is smaller than the 11x11 kernel; use padding
 * same or a kernel of at most 5x5}.
 */
public final class ShapeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The kind of error. */
  private final ShapeError error;

  /** What is wrong, without the code and the layer. */
  private final String detail;

  private final transient List<Shape> inputShapes;

  /** The position of the layer in its network, or -1 if not known. */
  private final int layerIndex;

  /** The name of the layer, or null if not known. */
  private final String layerName;

  /** The layer as declared, or null if not known. */
  private final String layerDescription;

  private ShapeException(
      ShapeError error,
      String detail,
      List<Shape> inputShapes,
      int layerIndex,
      String layerName,
      String layerDescription) {
    super(message(error, detail, layerIndex, layerName, layerDescription));
    this.error = error;
    this.detail = detail;
    this.inputShapes = List.copyOf(inputShapes);
    this.layerIndex = layerIndex;
    this.layerName = layerName;
    this.layerDescription = layerDescription;
  }

  /**
   * {@return an error found by a layer spec, not yet placed in a network}
   *
   * @param error the kind of error
   * @param inputShapes the shapes of the inputs (without the batch)
   * @param detail what is wrong
   */
  public static ShapeException of(ShapeError error, List<Shape> inputShapes, String detail) {
    Objects.requireNonNull(error, "error == null");
    Objects.requireNonNull(detail, "detail == null");
    return new ShapeException(error, detail, inputShapes, -1, null, null);
  }

  /**
   * {@return an invalid argument (a non-positive size, a rate out of range), with no input
   * involved}
   *
   * @param detail what is wrong
   */
  public static ShapeException invalid(String detail) {
    return of(ShapeError.INVALID_ARGUMENT, List.of(), detail);
  }

  /**
   * {@return the same error, placed on the layer at {@code index} named {@code name}}
   *
   * @param index the position of the layer in its network (the input is 0)
   * @param name the layer's name
   * @param description the layer as declared, such as {@code conv2d(2, 7x7)}
   */
  public ShapeException inLayer(int index, String name, String description) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
    ShapeException placed =
        new ShapeException(error, detail, inputShapes, index, name, description);
    placed.setStackTrace(getStackTrace());
    return placed;
  }

  /** {@return the kind of error} */
  public ShapeError error() {
    return error;
  }

  /** {@return the stable code, such as {@code NnKernelTooLarge}} */
  public String code() {
    return error.code();
  }

  /** {@return what is wrong, without the code and the layer} */
  public String detail() {
    return detail;
  }

  /** {@return the shapes the layer was applied to; empty for argument errors} */
  public List<Shape> inputShapes() {
    return inputShapes == null ? List.of() : inputShapes;
  }

  /** {@return the position of the layer in its network (the input is 0), if known} */
  public OptionalInt layerIndex() {
    return layerIndex < 0 ? OptionalInt.empty() : OptionalInt.of(layerIndex);
  }

  /** {@return the name of the layer, if known} */
  public Optional<String> layerName() {
    return Optional.ofNullable(layerName);
  }

  /** {@return the layer as declared, such as {@code conv2d(2, 7x7)}, if known} */
  public Optional<String> layerDescription() {
    return Optional.ofNullable(layerDescription);
  }

  private static String message(
      ShapeError error, String detail, int index, String name, String description) {
    StringBuilder m = new StringBuilder("[").append(error.code()).append("] ");
    if (name != null) {
      m.append("layer ").append(index).append(" '").append(name).append("' ");
      m.append(description).append(": ");
    }
    return m.append(detail).toString();
  }
}
