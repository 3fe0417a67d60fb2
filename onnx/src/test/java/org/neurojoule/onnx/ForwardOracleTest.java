package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/**
 * The forward oracle: each of the ONNX project's {@code pytorch-converted} cases either reproduces
 * PyTorch's {@code output_0.pb} from its {@code input_0.pb}, each value within 1e-4 of {@code
 * max(1, |expected|)}, or is listed in {@link #UNSUPPORTED} with the reason (a listed case that
 * starts passing fails too, so the list and the README stay true).
 */
class ForwardOracleTest {
  private static final double TOLERANCE = 1e-4;

  /** The cases NeuroJoule does not import or does not compute, with the reason. */
  static final Map<String, String> UNSUPPORTED =
      Map.ofEntries(
          Map.entry(
              "test_MaxPool1d_stride_padding_dilation",
              "dilated MaxPool with pads other than auto_pad SAME_UPPER's split"),
          Map.entry(
              "test_MaxPool2d_stride_padding_dilation",
              "dilated MaxPool with pads other than auto_pad SAME_UPPER's split"),
          Map.entry(
              "test_PoissonNLLLLoss_no_reduce",
              "Mul of an activation by a constant tensor" + " (not a scalar)"));

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(TorchvisionImportTest.file("pytorch-converted"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reproducesPytorchsOutput_orIsListed(String test) throws IOException {
    String reason = UNSUPPORTED.get(test);
    if (reason == null) {
      assertWithMessage(test).that(mismatch(test)).isNull();
    } else {
      // Never a wrong number: an unsupported case is refused at import, naming the file.
      OnnxImportException e =
          assertThrows(
              OnnxImportException.class,
              () -> mismatch(test),
              test + " is listed as unsupported (" + reason + ") but imports");
      assertThat(e).hasMessageThat().contains(test + "/model.onnx: ");
    }
  }

  @Test
  void everyCaseIsCovered() throws IOException {
    assertThat(cases().count()).isEqualTo(82);
    assertThat(cases().toList()).containsAtLeastElementsIn(UNSUPPORTED.keySet());
  }

  /** {@return null if the import reproduces output_0.pb, else what differs} */
  static String mismatch(String test) throws IOException {
    Path dir = TorchvisionImportTest.file("pytorch-converted/" + test);
    Model m = OnnxModels.load(dir.resolve("model.onnx"));
    Const in = tensor(dir.resolve("test_data_set_0/input_0.pb"));
    Const expected = tensor(dir.resolve("test_data_set_0/output_0.pb"));
    List<ExampleData> out = m.predict(channelsLast(in));
    ExampleData got = out.get(0);
    float[] actual = channelsFirst(got.values(), got.shape());
    if (actual.length != expected.count()) {
      return "output has "
          + actual.length
          + " values "
          + java.util.Arrays.toString(got.shape())
          + ", PyTorch's "
          + Const.text(expected.dims());
    }
    for (int i = 0; i < actual.length; i++) {
      double e = expected.values()[i];
      if (!(Math.abs(actual[i] - e) <= TOLERANCE * Math.max(1, Math.abs(e)))) {
        return "value " + i + " is " + actual[i] + ", PyTorch's " + e;
      }
    }
    return null;
  }

  static Const tensor(Path pb) throws IOException {
    try (InputStream s = Files.newInputStream(pb)) {
      TensorProto t = TensorProto.parseFrom(s);
      return new TensorData(pb.toString(), pb.getParent()).read(t, pb.getFileName().toString());
    }
  }

  /** ONNX's (N, C, spatial...) as NeuroJoule's (N, spatial..., C). */
  static ExampleData channelsLast(Const c) {
    int[] dims = java.util.Arrays.stream(c.dims()).mapToInt(Math::toIntExact).toArray();
    float[] v = c.floats();
    if (dims.length <= 2) {
      return ExampleData.of(v, dims);
    }
    int n = dims[0];
    int ch = dims[1];
    int spatial = v.length / n / ch;
    float[] out = new float[v.length];
    for (int b = 0; b < n; b++) {
      for (int k = 0; k < ch; k++) {
        for (int s = 0; s < spatial; s++) {
          out[(b * spatial + s) * ch + k] = v[(b * ch + k) * spatial + s];
        }
      }
    }
    int[] shape = new int[dims.length];
    shape[0] = n;
    System.arraycopy(dims, 2, shape, 1, dims.length - 2);
    shape[dims.length - 1] = ch;
    return ExampleData.of(out, shape);
  }

  /** NeuroJoule's (N, spatial..., C) as ONNX's (N, C, spatial...). */
  static float[] channelsFirst(float[] v, int[] shape) {
    if (shape.length <= 2) {
      return v;
    }
    int n = shape[0];
    int ch = shape[shape.length - 1];
    int spatial = v.length / n / ch;
    float[] out = new float[v.length];
    for (int b = 0; b < n; b++) {
      for (int k = 0; k < ch; k++) {
        for (int s = 0; s < spatial; s++) {
          out[(b * ch + k) * spatial + s] = v[(b * spatial + s) * ch + k];
        }
      }
    }
    return out;
  }
}
