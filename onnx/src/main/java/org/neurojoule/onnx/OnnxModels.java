package org.neurojoule.onnx;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;

/**
 * Imports ONNX models, as {@code torch.onnx.export} writes them: {@code
 * OnnxModels.load(Path.of("resnet18.onnx")).energy().summary()}.
 *
 * <p>Each operator becomes NeuroJoule layers named after its node; weights come from the
 * initializers, from external data files beside the model, or, for a file exported without them,
 * from the graph inputs' declared shapes (then default-initialised; the parameter count still
 * counts them). PyTorch's channels-first tensors become channels last, weights included: a {@code
 * (C, H, W)} input is NeuroJoule's {@code (H, W, C)}. Shape arithmetic ({@code Shape}, {@code
 * Gather}, {@code Concat}, ... on constants) is folded at import. The README's "ONNX models" lists
 * what maps to what.
 *
 * <p>Every problem is an {@link OnnxImportException} naming the file, the node and what is wrong.
 * Operators without a mapping are listed together in one such error, or, with {@link
 * Options#allowUnknown(boolean)}, imported as zero-cost layers with a logged warning.
 */
public final class OnnxModels {
  private OnnxModels() {}

  /** Import options, set with a configurer: {@code o -> o.allowUnknown(true)}. */
  public static final class Options {
    private final boolean allowUnknown;
    private final Optional<int[]> inputShape;

    private Options(boolean allowUnknown, Optional<int[]> inputShape) {
      this.allowUnknown = allowUnknown;
      this.inputShape = inputShape;
    }

    /**
     * {@return options where operators without a NeuroJoule mapping are (or are not) imported as
     * zero-cost layers, counted 0 with a warning, instead of failing the import}
     *
     * @param allow whether to import them
     */
    public Options allowUnknown(boolean allow) {
      return new Options(allow, inputShape);
    }

    /** {@return whether unknown operators become zero-cost layers} */
    public boolean allowUnknown() {
      return allowUnknown;
    }

    /**
     * {@return options that give the only graph input this shape, in ONNX's order without the
     * batch} For files exported with symbolic dimensions: {@code inputShape(3, 224, 224)}. The rank
     * must be the file's, and a dimension the file defines must be the one given.
     *
     * @param dims the dimensions, each positive
     * @throws IllegalArgumentException naming the value if a dimension is not positive
     */
    public Options inputShape(int... dims) {
      Objects.requireNonNull(dims, "inputShape == null");
      if (dims.length == 0) {
        throw new IllegalArgumentException("inputShape: no dimensions given");
      }
      for (int d : dims) {
        if (d < 1) {
          throw new IllegalArgumentException(
              "inputShape: dimension " + d + " in " + Arrays.toString(dims) + " must be positive");
        }
      }
      return new Options(allowUnknown, Optional.of(dims.clone()));
    }

    /** {@return the shape given for the only input, if any (a copy)} */
    public Optional<int[]> inputShape() {
      return inputShape.map(int[]::clone);
    }
  }

  /**
   * {@return the model in the ONNX file {@code file}, with its stored weights}
   *
   * @param file the {@code .onnx} file
   * @throws OnnxImportException naming the file, the node and the problem
   */
  public static Model load(Path file) {
    return load(file, UnaryOperator.identity());
  }

  /**
   * {@return the model in {@code file}, imported with options}
   *
   * @param file the {@code .onnx} file
   * @param configure sets the options, e.g. {@code o -> o.allowUnknown(true)}
   * @throws OnnxImportException naming the file, the node and the problem
   */
  public static Model load(Path file, UnaryOperator<Options> configure) {
    Objects.requireNonNull(file, "file == null");
    Options o =
        Objects.requireNonNull(configure, "configure == null")
            .apply(new Options(false, Optional.empty()));
    OnnxImporter importer = new OnnxImporter(file, o.allowUnknown(), o.inputShape());
    Model m = importer.load();
    m.countShared(importer.sharedParams(), importer.paramNotes());
    return m;
  }
}
