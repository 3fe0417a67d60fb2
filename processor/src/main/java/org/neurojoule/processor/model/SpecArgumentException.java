package org.neurojoule.processor.model;

import java.util.Objects;
import org.neurojoule.shape.ShapeException;

/** A layer spec rejected an annotation's values; {@link #attribute()} is the one to blame. */
public final class SpecArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String attribute;
  private final transient ShapeException error;

  SpecArgumentException(String attribute, ShapeException error) {
    super(error.getMessage(), error);
    this.attribute = Objects.requireNonNull(attribute, "attribute == null");
    this.error = error;
  }

  /** The attribute whose value the spec rejected; empty for the annotation as a whole. */
  public String attribute() {
    return attribute;
  }

  /** The spec's error, not yet placed on a layer. */
  public ShapeException error() {
    return error;
  }
}
