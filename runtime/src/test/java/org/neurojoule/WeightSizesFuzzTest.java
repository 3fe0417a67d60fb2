package org.neurojoule;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.ConvTranspose;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;
import org.neurojoule.layer.Embedding;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.Recurrent;
import org.neurojoule.layer.SeparableConv2D;
import org.neurojoule.layer.WeightShapes;

/**
 * The weight arithmetic of every weighted spec with factors near and past an {@code int} (depth
 * multipliers, filters, units, kernels, groups): {@code setWeights} before {@code apply} with
 * arrays of wrong and right sizes, the symbolic shapes and the weights for small inputs, and an
 * {@code apply} on a small input, each ends in a result or a clear {@link IllegalArgumentException}
 * or {@link IllegalStateException} (a {@code ShapeException} is one); never an {@link
 * ArithmeticException}, a {@link NegativeArraySizeException} or another raw error.
 */
class WeightSizesFuzzTest {
  private static final int[] FACTORS = {
    1,
    2,
    3,
    3000,
    46_341,
    65_536,
    1 << 20,
    Integer.MAX_VALUE / 3,
    Integer.MAX_VALUE - 1,
    Integer.MAX_VALUE
  };

  @Test
  void hugeFactors_giveWeightsOrClearErrors() {
    Random r = new Random(Long.getLong("neurojoule.fuzz.seed", 22L));
    int cases = Integer.getInteger("neurojoule.fuzz.cases", 400);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < cases && failures.size() < 10; i++) {
      int a = factor(r);
      int b = factor(r);
      int k = r.nextInt(4) == 0 ? factor(r) : 1 + r.nextInt(3);
      String call;
      Supplier<LayerSpec> make;
      switch (r.nextInt(8)) {
        case 0 -> {
          call = "separableConv2d(" + a + ", " + k + ").depthMultiplier(" + b + ")";
          make = () -> SeparableConv2D.of(a, k).depthMultiplier(b);
        }
        case 1 -> {
          call = "depthwiseConv2d(" + k + ").depthMultiplier(" + b + ")";
          make = () -> DepthwiseConv2D.of(k).depthMultiplier(b);
        }
        case 2 -> {
          call = "conv2d(" + a + ", " + k + ").groups(" + b + ")";
          make = () -> Conv.of(2, a, k).groups(b);
        }
        case 3 -> {
          call = "conv1d(" + a + ", " + k + ")";
          make = () -> Conv.of(1, a, k);
        }
        case 4 -> {
          call = "conv2dTranspose(" + a + ", " + k + ")";
          make = () -> ConvTranspose.of(2, a, k);
        }
        case 5 -> {
          call = "dense(" + a + ")";
          make = () -> Dense.of(a);
        }
        case 6 -> {
          call = "embedding(" + a + ", " + b + ")";
          make = () -> Embedding.of(a, b);
        }
        default -> {
          call = "lstm(" + a + ")";
          make = () -> Recurrent.lstm(a);
        }
      }
      int cin = r.nextBoolean() ? 1 + r.nextInt(4) : factor(r);
      try {
        run(make, cin, r);
      } catch (IllegalArgumentException | IllegalStateException e) {
        // clear: a message of our own
        if (e.getMessage() == null || e.getMessage().isBlank()) {
          failures.add(call + " cin " + cin + ": " + e + " without a message");
        }
      } catch (RuntimeException | OutOfMemoryError e) {
        failures.add(call + " cin " + cin + ": raw " + e);
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " case(s) ended in a raw error:\n" + String.join("\n", failures));
    }
  }

  private static int factor(Random r) {
    return r.nextInt(3) == 0 ? 1 + r.nextInt(5) : FACTORS[r.nextInt(FACTORS.length)];
  }

  /** The paths a user takes: symbolic shapes, weights for a size, setWeights, apply. */
  private static void run(Supplier<LayerSpec> make, int cin, Random r) {
    LayerSpec spec = make.get();
    WeightShapes.symbolic(spec);
    WeightShapes.of(spec, cin).forEach(WeightShapes.Weight::count);
    Layer layer = Layer.of(spec);
    int arrays = WeightShapes.of(spec, 1).size();
    float[][] values = new float[arrays][];
    for (int i = 0; i < arrays; i++) {
      values[i] = new float[1 + r.nextInt(64)];
    }
    try {
      layer.setWeights(values);
    } catch (IllegalArgumentException e) {
      // expected for most sizes; the message is checked by the caller's contract
    }
    Tensor in =
        spec instanceof Dense || spec instanceof Embedding
            ? Model.input(4)
            : spec instanceof Recurrent
                ? Model.input(3, 2)
                : spec instanceof Conv c && c.rank() == 1
                    ? Model.input(8, 2)
                    : Model.input(8, 8, 2);
    layer.apply(in);
  }
}
