package org.neurojoule;

/**
 * A NIR file that NeuroJoule cannot import. The message starts with the file and names the node (as
 * the graph names it) and what is wrong, such as {@code net.nir: node 'fc2' (Affine): weight (7,
 * 40) takes 40 inputs, but its input 'lif1' gives 38}.
 */
public final class NirImportException extends ImportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the file, the node and what is wrong
   */
  public NirImportException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the error that revealed the problem.
   *
   * @param message the file, the node and what is wrong
   * @param cause the underlying error
   */
  public NirImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
