package org.neurojoule.shape;

/**
 * The stable codes of the errors a layer declaration can have.
 *
 * <p>Each code starts its message in brackets ({@code [NnKernelTooLarge] ...}), so tests and tools
 * can match on it; the compile-time diagnostic and the runtime exception carry the same text.
 */
public enum ShapeError {
  /** A convolution kernel larger than its (padded) input. */
  KERNEL_TOO_LARGE("NnKernelTooLarge"),
  /** A pooling window larger than its (padded) input. */
  POOL_TOO_LARGE("NnPoolTooLarge"),
  /** A layer applied to an input of the wrong rank. */
  WRONG_RANK("NnWrongRank"),
  /** A size that must be known, but is undefined. */
  UNDEFINED_DIMENSION("NnUndefinedDimension"),
  /** {@code Add} of inputs with different shapes. */
  ADD_SHAPE_MISMATCH("NnAddShapeMismatch"),
  /** {@code Concatenate} of inputs that differ off the concatenation axis. */
  CONCATENATE_MISMATCH("NnConcatenateMismatch"),
  /** {@code Reshape} to a different number of elements. */
  RESHAPE_MISMATCH("NnReshapeMismatch"),
  /** A wrong number of inputs (a merge of fewer than two, a single-input layer given several). */
  INPUT_COUNT("NnInputCount"),
  /** A size, stride, rate or other argument outside its range. */
  INVALID_ARGUMENT("NnInvalidArgument"),
  /** A count that does not fit in a long. */
  OVERFLOW("NnOverflow");

  private final String code;

  ShapeError(String code) {
    this.code = code;
  }

  /** {@return the stable code, such as {@code NnKernelTooLarge}} */
  public String code() {
    return code;
  }
}
