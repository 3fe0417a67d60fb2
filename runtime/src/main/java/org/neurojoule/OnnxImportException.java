package org.neurojoule;

/**
 * An ONNX file that NeuroJoule cannot import. The message starts with the file and names the node
 * (its name and operator type) and what is wrong, such as {@code net.onnx: node '/conv1/Conv'
 * (Conv): grouped convolution (group=4) is not supported yet}.
 */
public final class OnnxImportException extends ImportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the file, the node and what is wrong
   */
  public OnnxImportException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the error that revealed the problem.
   *
   * @param message the file, the node and what is wrong
   * @param cause the underlying error
   */
  public OnnxImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
