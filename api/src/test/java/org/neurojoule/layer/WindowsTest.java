package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * The sliding-window rule of every windowed layer against an independent oracle: window positions
 * counted one by one, never the closed-form formula.
 *
 * <p>The sweep covers n 1..12, window 1..5, stride 1..3, dilation 1..3 and every padding the layer
 * takes (causal on Conv1D only). For a rank-r layer, axis 0 takes each sweep point and the other
 * axes take shifted points, so that a mix-up between axes shows.
 */
class WindowsTest {
  private static final int MAX_N = 12;
  private static final int MAX_WINDOW = 5;
  private static final int MAX_STRIDE = 3;
  private static final int MAX_DILATION = 3;
  private static final int CHANNELS = 3;

  /** One spatial axis of a window layer. */
  private record Axis(int n, int window, int stride, int dilation) {}

  /** Brute force, 'valid': start positions p with p*s + (k-1)*d < n (the last tap inside). */
  private static int validPositions(Axis a) {
    int count = 0;
    for (int p = 0; p * a.stride + (a.window - 1) * a.dilation < a.n; p++) {
      count++;
    }
    return count;
  }

  /**
   * Brute force, 'same' (TensorFlow): one output per stride step starting inside the input, that is
   * ceil(n / s) positions, whatever the window.
   */
  private static int samePositions(Axis a) {
    int count = 0;
    for (int start = 0; start < a.n; start += a.stride) {
      count++;
    }
    return count;
  }

  /** Brute force, 'causal': (k-1)*d zeros before the axis, then 'valid' on the longer axis. */
  private static int causalPositions(Axis a) {
    int padded = a.n + (a.window - 1) * a.dilation;
    return validPositions(new Axis(padded, a.window, a.stride, a.dilation));
  }

  private static int positions(Axis a, Padding padding) {
    switch (padding) {
      case VALID:
        return validPositions(a);
      case SAME:
        return samePositions(a);
      default:
        return causalPositions(a);
    }
  }

  /** The paddings every window layer takes; Conv1D also takes causal. */
  private static final List<Padding> TWO_SIDED = List.of(Padding.VALID, Padding.SAME);

  private static List<Padding> convPaddings(int rank) {
    return rank == 1 ? List.of(Padding.values()) : TWO_SIDED;
  }

  /** Every sweep point; with {@code keras}, without strides > 1 together with dilation > 1. */
  private static List<Axis> sweep(boolean keras, int maxDilation) {
    List<Axis> out = new ArrayList<>();
    for (int n = 1; n <= MAX_N; n++) {
      for (int k = 1; k <= MAX_WINDOW; k++) {
        for (int s = 1; s <= MAX_STRIDE; s++) {
          for (int d = 1; d <= maxDilation; d++) {
            if (!keras || s == 1 || d == 1) {
              out.add(new Axis(n, k, s, d));
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Axis {@code i} of a layer whose axis 0 is {@code a}: another size and window, and a stride or
   * dilation above one only where axis 0 has one, so Keras' stride-or-dilation rule still holds.
   */
  private static Axis shifted(Axis a, int i) {
    if (i == 0) {
      return a;
    }
    int n = (a.n + 4 * i) % MAX_N + 1;
    int k = (a.window + i) % MAX_WINDOW + 1;
    int s = a.stride == 1 ? 1 : 2 + (a.stride + i) % 2;
    int d = a.dilation == 1 ? 1 : 2 + (a.dilation + i) % 2;
    return new Axis(n, k, s, d);
  }

  private static List<Axis> axes(Axis first, int rank) {
    List<Axis> out = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      out.add(shifted(first, i));
    }
    return out;
  }

  private static int[] values(List<Axis> axes, Function<Axis, Integer> f) {
    return axes.stream().mapToInt(f::apply).toArray();
  }

  private static Shape input(List<Axis> axes) {
    int[] dims = Arrays.copyOf(values(axes, Axis::n), axes.size() + 1);
    dims[axes.size()] = CHANNELS;
    return Shape.of(dims);
  }

  /**
   * Checks one layer on one sweep point: the spatial output the oracle counts and {@code channels},
   * or, when some axis has no position, the too-large error.
   *
   * @return whether the window fitted
   */
  private static boolean check(
      LayerSpec spec, List<Axis> axes, Padding padding, int channels, ShapeError tooLarge) {
    Shape in = input(axes);
    int[] expected = new int[axes.size() + 1];
    boolean fits = true;
    for (int i = 0; i < axes.size(); i++) {
      expected[i] = positions(axes.get(i), padding);
      fits &= expected[i] > 0;
    }
    String where = spec.describe() + " on " + in + " " + axes;
    if (!fits) {
      var e = assertThrows(ShapeException.class, () -> Apply.outputShape(spec, in), where);
      assertWithMessage(where).that(e.error()).isEqualTo(tooLarge);
      assertWithMessage(where).that(e.inputShapes()).containsExactly(in);
      return false;
    }
    expected[axes.size()] = channels;
    assertWithMessage(where).that(Apply.outputShape(spec, in)).isEqualTo(Shape.of(expected));
    return true;
  }

  /** Counts fitting and non-fitting points, so that a sweep that tests nothing fails. */
  private static final class Tally {
    int fitted;
    int rejected;

    void add(boolean fits) {
      if (fits) {
        fitted++;
      } else {
        rejected++;
      }
    }

    void assertBothSeen() {
      assertThat(fitted).isGreaterThan(100);
      assertThat(rejected).isGreaterThan(10);
    }
  }

  @Test
  void outputLength_matchesBruteForce_overTheWholeSweep() {
    for (Axis a : sweep(false, MAX_DILATION)) {
      for (Padding padding : Padding.values()) {
        int got = Windows.outputLength(a.n, a.window, a.stride, a.dilation, padding);
        // outputLength reports "does not fit" as 0 (or less).
        assertWithMessage("%s %s", a, padding)
            .that(Math.max(got, 0))
            .isEqualTo(positions(a, padding));
      }
    }
  }

  @Test
  void outputLength_undefined_staysUndefined() {
    for (Padding padding : Padding.values()) {
      assertThat(Windows.outputLength(NONE, 3, 2, 1, padding)).isEqualTo(NONE);
    }
  }

  @Test
  void conv1d2d3d_outputShapes_matchBruteForce() {
    for (int rank = 1; rank <= 3; rank++) {
      Tally tally = new Tally();
      for (Axis a : sweep(true, MAX_DILATION)) {
        List<Axis> axes = axes(a, rank);
        for (Padding padding : convPaddings(rank)) {
          Conv conv =
              Conv.of(rank, 4, values(axes, Axis::window))
                  .strides(values(axes, Axis::stride))
                  .dilationRate(values(axes, Axis::dilation))
                  .padding(padding);
          tally.add(check(conv, axes, padding, 4, ShapeError.KERNEL_TOO_LARGE));
        }
      }
      tally.assertBothSeen();
    }
  }

  @Test
  void depthwiseConv2d_outputShapes_matchBruteForce() {
    Tally tally = new Tally();
    for (Axis a : sweep(true, MAX_DILATION)) {
      List<Axis> axes = axes(a, 2);
      for (Padding padding : TWO_SIDED) {
        DepthwiseConv2D dw =
            DepthwiseConv2D.of(values(axes, Axis::window))
                .depthMultiplier(2)
                .strides(values(axes, Axis::stride))
                .dilationRate(values(axes, Axis::dilation))
                .padding(padding);
        tally.add(check(dw, axes, padding, CHANNELS * 2, ShapeError.KERNEL_TOO_LARGE));
      }
    }
    tally.assertBothSeen();
  }

  @Test
  void separableConv2d_outputShapes_matchBruteForce() {
    Tally tally = new Tally();
    for (Axis a : sweep(true, MAX_DILATION)) {
      List<Axis> axes = axes(a, 2);
      for (Padding padding : TWO_SIDED) {
        SeparableConv2D sep =
            SeparableConv2D.of(5, values(axes, Axis::window))
                .depthMultiplier(2)
                .strides(values(axes, Axis::stride))
                .dilationRate(values(axes, Axis::dilation))
                .padding(padding);
        tally.add(check(sep, axes, padding, 5, ShapeError.KERNEL_TOO_LARGE));
      }
    }
    tally.assertBothSeen();
  }

  @Test
  void pooling1d2d3d_outputShapes_matchBruteForce() {
    for (PoolKind kind : PoolKind.values()) {
      for (int rank = 1; rank <= 3; rank++) {
        Tally tally = new Tally();
        for (Axis a : sweep(false, 1)) {
          List<Axis> axes = axes(a, rank);
          for (Padding padding : TWO_SIDED) {
            Pooling pool =
                Pooling.of(kind, rank, values(axes, Axis::window))
                    .strides(values(axes, Axis::stride))
                    .padding(padding);
            tally.add(check(pool, axes, padding, CHANNELS, ShapeError.POOL_TOO_LARGE));
          }
        }
        tally.assertBothSeen();
      }
    }
  }

  @Test
  void pooling_defaultStrides_areThePoolSize_matchBruteForce() {
    Tally tally = new Tally();
    for (int n = 1; n <= MAX_N; n++) {
      for (int k = 1; k <= MAX_WINDOW; k++) {
        for (Padding padding : TWO_SIDED) {
          List<Axis> axes = axes(new Axis(n, k, k, 1), 2);
          // The default strides equal the pool per axis, also on the shifted axis.
          axes.set(1, new Axis(axes.get(1).n, axes.get(1).window, axes.get(1).window, 1));
          Pooling pool =
              Pooling.of(PoolKind.AVERAGE, 2, values(axes, Axis::window)).padding(padding);
          tally.add(check(pool, axes, padding, CHANNELS, ShapeError.POOL_TOO_LARGE));
        }
      }
    }
    assertThat(tally.fitted).isGreaterThan(50);
    assertThat(tally.rejected).isGreaterThan(10);
  }

  @Test
  void windowLayers_undefinedSpatialDimension_staysUndefined() {
    Shape in = Shape.of(NONE, 9, 3);

    for (Padding padding : TWO_SIDED) {
      assertThat(Apply.outputShape(Conv.of(2, 4, 3).strides(2).padding(padding), in))
          .isEqualTo(Shape.of(NONE, padding == Padding.VALID ? 4 : 5, 4));
      assertThat(Apply.outputShape(Pooling.of(PoolKind.MAX, 2, 2).padding(padding), in))
          .isEqualTo(Shape.of(NONE, padding == Padding.VALID ? 4 : 5, 3));
    }
  }

  @Test
  void samePadding_windowLargerThanInput_stillFits() {
    // TensorFlow pads 'same' so that every stride step yields an output, however large the window.
    assertThat(Apply.outputShape(Conv.of(2, 1, 7).padding(Padding.SAME), Shape.of(3, 3, 1)))
        .isEqualTo(Shape.of(3, 3, 1));
    assertThat(
            Apply.outputShape(Pooling.of(PoolKind.MAX, 1, 5).padding(Padding.SAME), Shape.of(2, 1)))
        .isEqualTo(Shape.of(1, 1));
  }

  @Test
  void samePadding_largestDimension_doesNotWrapAround() {
    Conv conv = Conv.of(1, 1, 1).strides(2).padding(Padding.SAME);

    assertThat(Apply.outputShape(conv, Shape.of(Integer.MAX_VALUE, 1)))
        .isEqualTo(Shape.of(1_073_741_824, 1));
  }

  @Test
  void validPadding_hugeDilatedKernel_isTooLarge_notWrappedAround() {
    Conv conv = Conv.of(1, 1, 65536).dilationRate(65536);

    var e = assertThrows(ShapeException.class, () -> Apply.outputShape(conv, Shape.of(10, 1)));

    assertThat(e.error()).isEqualTo(ShapeError.KERNEL_TOO_LARGE);
  }

  @Test
  void causalPadding_conv1d_keepsTheLength_withStridesAndDilation() {
    // Keras: (k - 1) * d zeros before the time axis, then valid; out = ceil(n / s).
    assertThat(Apply.outputShape(Conv.of(1, 4, 3).padding(Padding.CAUSAL), Shape.of(32, 20)))
        .isEqualTo(Shape.of(32, 4));
    assertThat(
            Apply.outputShape(
                Conv.of(1, 4, 3).dilationRate(2).padding(Padding.CAUSAL), Shape.of(7, 2)))
        .isEqualTo(Shape.of(7, 4));
    assertThat(
            Apply.outputShape(Conv.of(1, 4, 3).strides(2).padding(Padding.CAUSAL), Shape.of(7, 2)))
        .isEqualTo(Shape.of(4, 4));
    // A kernel longer than the input still fits: the padding holds the rest.
    assertThat(Apply.outputShape(Conv.of(1, 1, 9).padding(Padding.CAUSAL), Shape.of(2, 1)))
        .isEqualTo(Shape.of(2, 1));
  }

  @Test
  void causalPadding_onAnyLayerButConv1d_isRefusedNamingTheType() {
    assertThat(causalRefusal(() -> Conv.of(2, 4, 3).padding(Padding.CAUSAL)))
        .isEqualTo(
            "[NnInvalidArgument] padding causal is for Conv1D only; Conv2D takes valid or"
                + " same");
    assertThat(causalRefusal(() -> Conv.of(3, 4, 3).padding(Padding.CAUSAL)))
        .contains("; Conv3D takes valid or same");
    assertThat(causalRefusal(() -> Pooling.of(PoolKind.MAX, 1, 2).padding(Padding.CAUSAL)))
        .contains("; MaxPooling1D takes valid or same");
    assertThat(causalRefusal(() -> Pooling.of(PoolKind.AVERAGE, 2, 2).padding(Padding.CAUSAL)))
        .contains("; AveragePooling2D takes valid or same");
    assertThat(causalRefusal(() -> DepthwiseConv2D.of(3).padding(Padding.CAUSAL)))
        .contains("; DepthwiseConv2D takes valid or same");
    assertThat(causalRefusal(() -> SeparableConv2D.of(2, 3).padding(Padding.CAUSAL)))
        .contains("; SeparableConv2D takes valid or same");
    assertThat(causalRefusal(() -> ConvTranspose.of(1, 2, 3).padding(Padding.CAUSAL)))
        .contains("; Conv1DTranspose takes valid or same");
  }

  private static String causalRefusal(org.junit.jupiter.api.function.Executable build) {
    return assertThrows(ShapeException.class, build).getMessage();
  }
}
