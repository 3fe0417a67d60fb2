package org.neurojoule;

/**
 * A TensorFlow Lite file that NeuroJoule cannot import. The message starts with the file and names
 * the place: the subgraph, and the operator by its index and opcode, such as {@code kws.tflite:
 * subgraph 0, operator 3 (BATCH_MATMUL): operator BATCH_MATMUL has no NeuroJoule mapping}; or the
 * tensor or buffer of a damaged file.
 */
public final class TfliteImportException extends ImportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the file, the place in it and what is wrong
   */
  public TfliteImportException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the error that revealed the problem.
   *
   * @param message the file, the place in it and what is wrong
   * @param cause the underlying error
   */
  public TfliteImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
