package org.neurojoule;

/**
 * A model file that NeuroJoule cannot import, whatever its format. The message starts with the
 * file, then says where in it (a layer, a node, a dataset or a field) and what is wrong: {@code
 * file: place: problem}, as {@link #message} builds it. Each format has its own subclass, so a
 * caller may catch one format's errors or all of them.
 */
public abstract sealed class ImportException extends IllegalArgumentException
    permits KerasImportException, NirImportException, OnnxImportException, TfliteImportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the file, the place in it and what is wrong
   */
  protected ImportException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the error that revealed the problem.
   *
   * @param message the file, the place in it and what is wrong
   * @param cause the underlying error
   */
  protected ImportException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * {@return the message of an import error: {@code file: place: problem}, or {@code file: problem}
   * when the place is empty}
   *
   * @param file the file's name as messages show it
   * @param place where in the file, such as {@link #element}'s {@code layer 'dense_1' (Dense)}
   * @param problem what is wrong
   */
  public static String message(String file, String place, String problem) {
    return place.isEmpty() ? file + ": " + problem : file + ": " + place + ": " + problem;
  }

  /**
   * {@return a named element of a file with its type, as messages name it: {@code node 'fc2'
   * (Affine)}}
   *
   * @param kind what the element is in its format: {@code layer}, {@code node}
   * @param name its name in the file
   * @param type its type (Keras class, ONNX operator, NIR node type)
   */
  public static String element(String kind, String name, String type) {
    return kind + " '" + name + "' (" + type + ")";
  }
}
