package org.neurojoule.onnx;

import java.util.function.Supplier;
import org.neurojoule.OnnxImportException;

/**
 * The importer's last line of its error contract: an exception that a check of its own should have
 * caught (a size past an int, a missing input, a shape the layers refuse) becomes an {@link
 * OnnxImportException} naming the file and the node, never a raw exception.
 */
final class Failures {
  private Failures() {}

  /** {@return what {@code step} gives for the node}, its failures named after the node */
  static <T> T atNode(NodeAt at, Supplier<T> step) {
    try {
      return step.get();
    } catch (OnnxImportException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new OnnxImportException(
          at.label + ": node '" + at.name + "' (" + at.op() + "): " + describe(e), e);
    } catch (OutOfMemoryError e) {
      // The node's values are garbage once this is thrown; the heap is whole again.
      throw new OnnxImportException(
          at.label
              + ": node '"
              + at.name
              + "' ("
              + at.op()
              + "): its values need more memory than the JVM has (raise -Xmx, or check the"
              + " file's sizes)",
          e);
    }
  }

  /** {@return a message for an exception: a layer's own, or what kind of size went wrong} */
  static String describe(RuntimeException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof ArithmeticException) {
      return "a size in the file passes what a Java int or long holds (" + m + ")";
    }
    if (e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof UnsupportedOperationException) {
      return m;
    }
    return "its inputs or attributes do not fit what the operator needs ("
        + e.getClass().getSimpleName()
        + (m.isEmpty() ? "" : ": " + m)
        + ")";
  }
}
