package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Channels-first (PyTorch's NCHW) example data: the hint when it is refused, and the transpose. */
class ExampleDataLayoutTest {
  private static final int N = 3;
  private static final int H = 5;
  private static final int W = 6;
  private static final int C = 2;

  private static Model model() {
    return Model.input(H, W, C).conv2d(4, 3).relu().flatten().dense(3).model();
  }

  /** The same values in both layouts: nhwc[b][h][w][c] == nchw[b][c][h][w]. */
  private static float[][] layouts() {
    Random r = new Random(8);
    float[] nhwc = new float[N * H * W * C];
    float[] nchw = new float[nhwc.length];
    for (int b = 0; b < N; b++) {
      for (int h = 0; h < H; h++) {
        for (int w = 0; w < W; w++) {
          for (int c = 0; c < C; c++) {
            float v = r.nextFloat() * 2 - 1;
            nhwc[((b * H + h) * W + w) * C + c] = v;
            nchw[((b * C + c) * H + h) * W + w] = v;
          }
        }
      }
    }
    return new float[][] {nhwc, nchw};
  }

  @Test
  void channelsFirstData_isRefusedWithTheHint() {
    ExampleData nchw = ExampleData.of(layouts()[1], N, C, H, W);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> model().energy(o -> o.exampleData(nchw)).rates());

    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "; the data looks channels-first (PyTorch's NCHW), the model is channels-last:"
                + " transpose it with ExampleData.channelsFirstToLast() (on the command line,"
                + " --data-layout nchw)");
  }

  @Test
  void dataThatIsNotTheInputTransposed_getsNoHint() {
    ExampleData other = ExampleData.filled(0.5, N, 7, H, W);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> model().energy(o -> o.exampleData(other)).rates());

    assertThat(e).hasMessageThat().doesNotContain("channels-first");
  }

  @Test
  void channelsFirstToLast_givesTheChannelsLastValues_andTheSameRates() {
    float[][] both = layouts();
    ExampleData transposed = ExampleData.of(both[1], N, C, H, W).channelsFirstToLast();

    assertThat(transposed.shape()).asList().containsExactly(N, H, W, C).inOrder();
    assertThat(transposed.values()).isEqualTo(both[0]);
    Model m = model().initializeWeights(4);
    Map<String, Double> rates = m.energy(o -> o.exampleData(transposed)).rates();
    assertThat(rates)
        .isEqualTo(m.energy(o -> o.exampleData(ExampleData.of(both[0], N, H, W, C))).rates());
  }

  @Test
  void channelsFirstToLast_needsAChannelsAxis() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExampleData.of(new float[6], 2, 3).channelsFirstToLast());

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "example data (array) of shape [2, 3] has no channels axis to move: channels-first"
                + " data is (N, C, ...), three dimensions or more");
  }
}
