package org.neurojoule;

/**
 * A Keras file that NeuroJoule cannot import. The message starts with the file and says where in it
 * (layer, HDF5 dataset, JSON field) and what is wrong, such as {@code model.h5: layer 'dense_1'
 * (Dense): field 'units' must be a positive integer, was "ten"}.
 */
public final class KerasImportException extends ImportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the file, the place in it and what is wrong
   */
  public KerasImportException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the error that revealed the problem.
   *
   * @param message the file, the place in it and what is wrong
   * @param cause the underlying error
   */
  public KerasImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
