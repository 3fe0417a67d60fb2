package org.neurojoule.benchmarks.jmh;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.RateListener;

/** Example data and the quiet estimate call the benchmarks share. */
final class BenchmarkData {
  private static final RateListener QUIET = (done, total, nanos) -> {};

  private BenchmarkData() {}

  /** {@return {@code n} examples of the model's input shape, uniform in [0, 1), seeded} */
  static ExampleData random(Model model, int n) {
    int[] shape = model.inputs().get(0).shape().toArray();
    int per = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    float[] values = new float[n * per];
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble();
    }
    int[] full = new int[shape.length + 1];
    full[0] = n;
    System.arraycopy(shape, 0, full, 1, shape.length);
    return ExampleData.of(values, full);
  }

  /** {@return the per-layer firing rates of the estimate with {@code data}, without a bar} */
  static Object rates(Model model, ExampleData data) {
    return model.energy(e -> e.exampleData(data).progress(QUIET).logWarnings(false)).rates();
  }
}
