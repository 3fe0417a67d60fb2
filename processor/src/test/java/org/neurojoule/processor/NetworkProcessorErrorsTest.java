package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.annotation.Network;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.TimeDistributed;
import org.neurojoule.shape.ShapeException;

/**
 * One test per diagnostic: each source under {@code bad/} has one mistake (but {@code ManyErrors},
 * which has several), and the error names it, on the right file and line. Shape errors carry the
 * runtime's own message.
 */
class NetworkProcessorErrorsTest {

  private static JavaFileObject bad(String name) {
    return Sources.resource("bad/test/" + name + ".java");
  }

  private static Compilation compile(JavaFileObject file) {
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).failed();
    return compilation;
  }

  @Test
  void kernelTooLarge_isReportedOnTheField_withTheRuntimeMessage() {
    JavaFileObject file = bad("KernelTooLarge");
    Compilation compilation = compile(file);
    ShapeException runtime =
        assertThrows(
            ShapeException.class,
            () -> Model.input(5, 5, 3).conv2d(64, 11, c -> c.strides(4).name("conv")));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(runtime.getMessage())
        .inFile(file)
        .onLineContaining("kernelSize = 11");
    assertThat(runtime.getMessage())
        .startsWith("[NnKernelTooLarge] layer 1 'conv' conv2d(64, 11x11");
  }

  @Test
  void poolTooLarge() {
    JavaFileObject file = bad("PoolTooLarge");
    Compilation compilation = compile(file);
    ShapeException runtime =
        assertThrows(
            ShapeException.class,
            () ->
                Model.input(8, 8, 3).conv2d(4, 3).maxPooling2d(7, p -> p.strides(2).name("pool")));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(runtime.getMessage())
        .inFile(file)
        .onLineContaining("poolSize = 7");
    assertThat(runtime.getMessage()).startsWith("[NnPoolTooLarge] layer 2 'pool'");
  }

  @Test
  void unknownFrom_isReportedOnTheAttribute() {
    JavaFileObject file = bad("UnknownFrom");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnUnknownFrom] layer 'relu' takes its input from"
                + " 'cnov', but the network has no layer of that name; the layers declared before it"
                + " are [input, conv]")
        .inFile(file)
        .onLineContaining("\"cnov\"");
  }

  @Test
  void forwardReference() {
    JavaFileObject file = bad("ForwardReference");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnForwardReference] layer 'relu' takes its input"
                + " from 'later', which is declared after it")
        .inFile(file)
        .onLineContaining("from = \"later\"");
  }

  @Test
  void noInput() {
    JavaFileObject file = bad("NoInput");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[NnNoInput] network test.NoInput has no @Input")
        .inFile(file)
        .onLineContaining("class NoInput");
  }

  @Test
  void noPreviousLayer() {
    JavaFileObject file = bad("NoPreviousLayer");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnNoPreviousLayer] layer 'relu' is declared" + " before any other layer")
        .inFile(file)
        .onLineContaining("@ReLU");
  }

  @Test
  void twoLayerAnnotations_isReportedOnTheSecond() {
    JavaFileObject file = bad("TwoLayers");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnTwoLayers] field 'dense' has two layer" + " annotations, @Dense and @ReLU")
        .inFile(file)
        .onLineContaining("@ReLU");
  }

  @Test
  void addOfDifferentShapes_hasExactlyTheRuntimeMessage() {
    JavaFileObject file = bad("AddMismatch");
    Compilation compilation = compile(file);
    Tensor input = Model.input(8, 8, 3);
    Tensor a = input.conv2d(4, 3, c -> c.name("a"));
    Tensor b = input.conv2d(4, 5, c -> c.name("b"));
    ShapeException runtime =
        assertThrows(ShapeException.class, () -> Tensor.add(List.of(a, b), s -> s.name("sum")));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(runtime.getMessage())
        .inFile(file)
        .onLineContaining("@Add");
    // The whole message, not a prefix: nothing added or cut on the way through the processor.
    assertThat(compilation.errors().get(0).getMessage(Locale.ROOT)).isEqualTo(runtime.getMessage());
    assertThat(runtime.getMessage())
        .startsWith(
            "[NnAddShapeMismatch] layer 3 'sum' add: cannot add"
                + " inputs of different shapes [6x6x4, 4x4x4]");
  }

  /** A layer with one non-positive (or, for dropout, out of range) attribute on line 9. */
  static Stream<Arguments> nonPositiveAttributes() {
    return Stream.of(
        Arguments.of(
            "@Conv2D(filters = 4,",
            "kernelSize = 0",
            "conv",
            "[NnInvalidArgument] layer 1 'conv' conv2d: kernelSize must be > 0, was 0"),
        Arguments.of(
            "@Conv2D(filters = 4, kernelSize = 3,",
            "strides = 0",
            "conv",
            "[NnInvalidArgument] layer 1 'conv' conv2d: strides must be > 0, was 0"),
        Arguments.of(
            "@MaxPooling2D(",
            "poolSize = 0",
            "pool",
            "[NnInvalidArgument] layer 1 'pool' maxPooling2d: poolSize must be > 0, was 0"),
        Arguments.of(
            "@Dense(",
            "units = 0",
            "dense",
            "[NnInvalidArgument] layer 1 'dense' dense: units must be > 0, was 0"),
        Arguments.of(
            "@DepthwiseConv2D(kernelSize = 3,",
            "depthMultiplier = 0",
            "depthwise",
            "[NnInvalidArgument] layer 1 'depthwise' depthwiseConv2d: depthMultiplier must be"
                + " > 0, was 0"),
        Arguments.of(
            "@Dropout(",
            "rate = 1.0",
            "dropout",
            "[NnInvalidArgument] layer 1 'dropout' dropout: dropout rate must be in [0, 1), was"
                + " 1.0"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("nonPositiveAttributes")
  void nonPositiveAttribute_isReportedOnItsLine(
      String annotation, String attribute, String field, String message) {
    JavaFileObject file =
        JavaFileObjects.forSourceLines(
            "test.NonPositive",
            "package test;",
            "",
            "import org.neurojoule.annotation.*;",
            "",
            "@Network",
            "class NonPositive {",
            "  @Input({8, 8, 3}) Object input;",
            "  " + annotation,
            "      " + attribute + ") Object " + field + ";",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(9);
    assertThat(compilation.errors().get(0).getMessage(Locale.ROOT)).isEqualTo(message);
  }

  @Test
  void concatenateMismatch_hasTheRuntimeMessage() {
    JavaFileObject file = bad("ConcatenateMismatch");
    Compilation compilation = compile(file);
    Tensor input = Model.input(8, 8, 3);
    Tensor a = input.conv2d(4, 3);
    Tensor b = input.conv2d(4, 3, c -> c.strides(2));
    ShapeException runtime =
        assertThrows(
            ShapeException.class,
            () -> Tensor.concatenate(java.util.List.of(a, b), c -> c.name("joined")));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(runtime.getMessage())
        .inFile(file)
        .onLineContaining("@Concatenate");
  }

  @Test
  void statisticsOverAnUndefinedDimension() {
    JavaFileObject file = bad("UndefinedDimension");
    Compilation compilation = compile(file);
    ShapeException runtime =
        assertThrows(
            ShapeException.class,
            () -> Model.input(Model.NONE, Model.NONE, 4).dense(2, d -> d.name("dense")).energy());
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(runtime.getMessage())
        .inFile(file)
        .onLineContaining("@Dense");
    assertThat(runtime.getMessage()).startsWith("[NnUndefinedDimension] layer 1 'dense'");
  }

  @Test
  void nonPositiveFilters_isReportedOnTheAttribute() {
    JavaFileObject file = bad("ZeroFilters");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[NnInvalidArgument] layer 1 'conv' conv2d: filters must be > 0, was 0")
        .inFile(file)
        .onLineContaining("filters = 0");
  }

  @Test
  void nonPositiveInputSize() {
    JavaFileObject file = bad("ZeroInput");
    Compilation compilation = compile(file);
    IllegalArgumentException runtime =
        assertThrows(IllegalArgumentException.class, () -> Model.input(0, 28));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[NnInvalidArgument] layer 0 'input' input: " + runtime.getMessage())
        .inFile(file)
        .onLineContaining("@Input({0, 28})");
  }

  @Test
  void stridesWithDilation_compile_asTheSpecsTakeThem() {
    // Keras refuses the pair; ONNX and PyTorch convolutions have it, and so do the specs.
    Compilation compilation =
        Sources.compile(Sources.resource("good/test/StridesAndDilation.java"));
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("test.StridesAndDilationModel")
        .contentsAsUtf8String()
        .contains(".strides(2).dilationRate(2)");
  }

  @Test
  void mergeOfOneInput() {
    JavaFileObject file = bad("InputCount");
    Compilation compilation = compile(file);
    ShapeException runtime =
        assertThrows(
            ShapeException.class,
            () -> Tensor.add(java.util.List.of(Model.input(8)), a -> a.name("sum")));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(runtime.getMessage())
        .inFile(file)
        .onLineContaining("@Add");
    assertThat(runtime.getMessage()).startsWith("[NnInputCount] layer 1 'sum' add: ");
  }

  @Test
  void timeDistributedWithoutALayer() {
    JavaFileObject file = bad("TimeDistributedAlone");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[NnTimeDistributedAlone] field 'wrapped'")
        .inFile(file)
        .onLineContaining("@TimeDistributed");
  }

  @Test
  void constantNameClash() {
    JavaFileObject file = bad("NameClash");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnNameClash] fields 'firstDense' and"
                + " 'first_dense' would both generate the constants FIRST_DENSE_*")
        .inFile(file)
        .onLineContaining("first_dense");
  }

  @Test
  void reservedNames() {
    JavaFileObject file = bad("ReservedName");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[NnReservedName] field 'model' would generate" + " model()")
        .inFile(file)
        .onLineContaining("Object model");
    assertThat(compilation)
        .hadErrorContaining("[NnReservedName] field 'total' would generate" + " TOTAL_PARAMS")
        .inFile(file)
        .onLineContaining("Object total");
  }

  @Test
  void layerOutsideANetwork() {
    JavaFileObject file = bad("NotInNetwork");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnNotInNetwork] @Dense on field 'dense' has no"
                + " effect: test.NotInNetwork is not annotated @Network")
        .inFile(file)
        .onLineContaining("@Dense");
  }

  @Test
  void invalidGeneratedName() {
    JavaFileObject file = bad("InvalidName");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[NnInvalidName] @Network(name = \"not a name\")")
        .inFile(file)
        .onLineContaining("not a name");
  }

  @Test
  void networkOnAnInterface() {
    JavaFileObject file = bad("NotAClass");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnNotAClass] @Network applies to classes, not to the interface test.NotAClass")
        .inFile(file)
        .onLineContaining("interface NotAClass");
  }

  /**
   * Mistakes in one branch, one downstream of another, and in other branches: each is reported
   * once, where the runtime (after the earlier mistakes are fixed) would report it, and nothing
   * cascades from a layer whose output is unknown.
   */
  @Test
  void independentErrors_afterABrokenLayer_areAllReported() {
    JavaFileObject file = bad("IndependentErrors");
    Compilation compilation = compile(file);
    // The dropout's bad rate leaves its shape known, so tooBig is still checked against 8x8x3.
    ShapeException tooBig =
        assertThrows(
            ShapeException.class,
            () ->
                Model.input(8, 8, 3)
                    .dropout(0.5, d -> d.name("drop"))
                    .conv2d(4, 11, c -> c.name("tooBig")));
    ShapeException poolTooBig =
        assertThrows(
            ShapeException.class,
            () -> Model.input(8, 8, 3).maxPooling2d(9, p -> p.name("poolTooBig")));
    List<String> expected =
        List.of(
            "[NnInvalidArgument] layer 1 'drop' dropout: dropout rate must be in [0, 1), was 1.5",
            tooBig.getMessage(),
            // Fed by tooBig, whose output is unknown: only its own values are checked.
            "[NnInvalidArgument] layer 3 'afterTooBig' relu: negativeSlope must be a number >= 0 within"
                + " float32's range (at most 3.4028235E38), was -1.0",
            "[NnInvalidArgument] layer 4 'zeroUnits' dense: units must be > 0, was 0",
            // "layer N" is the field's position: the sixth and seventh fields are layers 5 and 6.
            "[NnInvalidArgument] layer 5 'twoBad' conv2d: strides must be > 0, was 0",
            "[NnInvalidArgument] layer 5 'twoBad' conv2d: dilationRate must be > 0, was 0",
            atField(6, poolTooBig.getMessage()),
            "[NnUnknownFrom] layer 'lost' takes its input from 'nowhere', but the network has no"
                + " layer of that name; the layers declared before it are [input, drop, tooBig,"
                + " afterTooBig, zeroUnits, twoBad, poolTooBig]");
    assertThat(compilation.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList())
        .containsExactlyElementsIn(expected);
    assertThat(tooBig.getMessage())
        .startsWith(
            "[NnKernelTooLarge] layer 2 'tooBig' conv2d(4," + " 11x11): input 8x8x3 is smaller");
    assertThat(poolTooBig.getMessage()).startsWith("[NnPoolTooLarge] layer 1 'poolTooBig'");
    String[] lines = {
      "Object drop",
      "Object tooBig",
      "Object afterTooBig",
      "Object zeroUnits",
      "Object twoBad",
      "Object twoBad",
      "Object poolTooBig",
      "Object lost"
    };
    for (int i = 0; i < lines.length; i++) {
      assertThat(compilation)
          .hadErrorContaining(expected.get(i))
          .inFile(file)
          .onLineContaining(lines[i]);
    }
    assertThat(compilation).hadErrorCount(8);
  }

  /** "layer N" is the field's position (5: the sixth field), and the message the runtime's. */
  @Test
  void errorAfterAConcatenate_hasTheFieldsIndexAndTheRuntimesMessage() {
    JavaFileObject file = bad("AfterConcatenate");
    Compilation compilation = compile(file);
    Tensor input = Model.input(new int[] {8, 8, 3}, i -> i.name("input"));
    Tensor a = input.conv2d(4, 3, c -> c.name("a"));
    Tensor b = input.relu(r -> r.name("side")).conv2d(4, 3, c -> c.name("b"));
    Tensor joined = Tensor.concatenate(List.of(a, b), c -> c.name("joined"));
    ShapeException runtime =
        assertThrows(ShapeException.class, () -> joined.conv2d(2, 7, c -> c.name("tooBig")));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation.errors().get(0).getMessage(Locale.ROOT)).isEqualTo(runtime.getMessage());
    assertThat(compilation)
        .hadErrorContaining(runtime.getMessage())
        .inFile(file)
        .onLineContaining("Object tooBig");
    assertThat(runtime.getMessage())
        .startsWith("[NnKernelTooLarge] layer 5 'tooBig' conv2d(2, 7x7)");
  }

  /**
   * A TimeDistributed field is one layer, numbered by its position; at run time the layers upstream
   * are counted, the wrapped one too, so the third field is layer 3 there. The wrapper is applied
   * as the generated model applies it, from its spec (the fluent {@code timeDistributed(t -> ...)}
   * reports a wrapped layer's shape error on the inner layer instead).
   */
  @Test
  void errorsInAndAfterATimeDistributed_haveTheFieldsIndexAndTheRuntimesMessage() {
    JavaFileObject file = bad("AfterTimeDistributed");
    Compilation compilation = compile(file);
    Tensor perStep =
        Model.input(new int[] {5, 8, 8, 3}, i -> i.name("input"))
            .timeDistributed(t -> t.conv2d(4, 3), t -> t.name("perStep"));
    ShapeException inWrapper =
        assertThrows(
            ShapeException.class,
            () ->
                Layer.of(TimeDistributed.of(Pooling.of(PoolKind.MAX, 2, 7)).name("tooBigPerStep"))
                    .apply(perStep));
    ShapeException after =
        assertThrows(ShapeException.class, () -> perStep.conv3d(2, 9, c -> c.name("tooBig")));
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList())
        .containsExactly(atField(2, inWrapper.getMessage()), after.getMessage());
    assertThat(compilation)
        .hadErrorContaining(atField(2, inWrapper.getMessage()))
        .inFile(file)
        .onLineContaining("Object tooBigPerStep");
    assertThat(compilation)
        .hadErrorContaining(after.getMessage())
        .inFile(file)
        .onLineContaining("Object tooBig;");
    assertThat(inWrapper.getMessage())
        .startsWith("[NnPoolTooLarge] layer 3 'tooBigPerStep' timeDistributed(maxPooling2d(7x7))");
    assertThat(after.getMessage()).startsWith("[NnKernelTooLarge] layer 3 'tooBig' conv3d(2,");
  }

  /** A user who depends on neurojoule-api alone: one error, no generated class to fail in. */
  @Test
  void withoutTheRuntimeOnTheClasspath_oneErrorOnTheNetworkClass() throws Exception {
    File api = new File(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaFileObject file = Sources.resource("good/test/Mnist.java");
    Compilation compilation = Sources.compiler().withClasspath(List.of(api)).compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnRuntimeMissing] @Network class test.Mnist needs"
                + " neurojoule-runtime on the compile classpath (the generated MnistModel uses"
                + " org.neurojoule.Model); add the dependency org.neurojoule:neurojoule-runtime")
        .inFile(file)
        .onLineContaining("final class Mnist");
    // A generated MnistModel would have failed with cannot-find-symbol errors of its own.
  }

  @Test
  void withoutTheRuntime_theLayersAreStillChecked() throws Exception {
    File api = new File(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaFileObject file = bad("KernelTooLarge");
    Compilation compilation = Sources.compiler().withClasspath(List.of(api)).compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[NnRuntimeMissing] @Network class test.KernelTooLarge")
        .inFile(file)
        .onLineContaining("class KernelTooLarge");
    assertThat(compilation)
        .hadErrorContaining("[NnKernelTooLarge] layer 1 'conv'")
        .inFile(file)
        .onLineContaining("kernelSize = 11");
  }

  @Test
  void withoutAnInput_theLayersOwnValuesAreStillChecked() {
    JavaFileObject file =
        JavaFileObjects.forSourceLines(
            "test.NoInputZeroUnits",
            "package test;",
            "",
            "import org.neurojoule.annotation.*;",
            "",
            "@Network",
            "class NoInputZeroUnits {",
            "  @Dense(units = 0) Object dense;",
            "}");
    Compilation compilation = compile(file);
    // No [NnNoPreviousLayer] on top: the missing input is one mistake.
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[NnNoInput] network test.NoInputZeroUnits")
        .inFile(file)
        .onLine(6);
    assertThat(compilation)
        .hadErrorContaining("[NnInvalidArgument] layer 0 'dense' dense: units must be > 0, was 0")
        .inFile(file)
        .onLine(7);
  }

  @Test
  void anInvalidGeneratedName_stillChecksTheLayers() {
    JavaFileObject file =
        JavaFileObjects.forSourceLines(
            "test.BadNameAndKernel",
            "package test;",
            "",
            "import org.neurojoule.annotation.*;",
            "",
            "@Network(name = \"not a name\")",
            "class BadNameAndKernel {",
            "  @Input({5, 5, 3}) Object input;",
            "  @Conv2D(filters = 64, kernelSize = 11, strides = 4) Object conv;",
            "}");
    Compilation compilation = compile(file);
    ShapeException runtime =
        assertThrows(
            ShapeException.class,
            () -> Model.input(5, 5, 3).conv2d(64, 11, c -> c.strides(4).name("conv")));
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[NnInvalidName] @Network(name = \"not a name\")")
        .inFile(file)
        .onLine(5);
    assertThat(compilation).hadErrorContaining(runtime.getMessage()).inFile(file).onLine(8);
  }

  @Test
  void everyIndependentError_isReported() {
    JavaFileObject file = bad("ManyErrors");
    Compilation compilation = compile(file);
    // afterTooBig follows a broken layer and is not checked: one mistake, one error.
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining("[NnKernelTooLarge] layer 1 'tooBig'")
        .inFile(file)
        .onLineContaining("Object tooBig");
    assertThat(compilation)
        .hadErrorContaining(
            "[NnInvalidArgument] layer 3 'negative' conv2d: filters must be > 0, was -1")
        .inFile(file)
        .onLineContaining("Object negative");
    assertThat(compilation)
        .hadErrorContaining("[NnUnknownFrom] layer 'lost'")
        .inFile(file)
        .onLineContaining("Object lost");
    assertThat(compilation)
        .hadErrorContaining("[NnPoolTooLarge] layer 5 'poolTooBig'")
        .inFile(file)
        .onLineContaining("Object poolTooBig");
  }

  /**
   * A runtime message as the processor gives it for the field at {@code position}: the runtime
   * numbers a layer by the layers upstream of it when it is applied, the processor by its field's
   * position, and the two differ where branches or wrappers come before it.
   */
  static String atField(int position, String runtimeMessage) {
    return runtimeMessage.replaceFirst("^(\\[\\w+\\] layer )\\d+ ", "$1" + position + " ");
  }
}
