package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Activation;

/**
 * The model keeps its prepared rates pass between estimates: counted through the model's {@code
 * preparations()}, never timed.
 */
class PreparedPassTest {

  static Model model() {
    return Model.input(12, 12, 3)
        .conv2d(8, 3, c -> c.activation(Activation.RELU))
        .maxPooling2d(2)
        .conv2d(16, 3)
        .relu()
        .globalAveragePooling2d()
        .dense(10)
        .model()
        .initializeWeights(7);
  }

  static ExampleData data(int n, int... example) {
    int[] shape = new int[example.length + 1];
    shape[0] = n;
    System.arraycopy(example, 0, shape, 1, example.length);
    int size = n;
    for (int d : example) {
      size *= d;
    }
    float[] v = new float[size];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.sin(0.37 * i) + 0.25f;
    }
    return ExampleData.of(v, shape);
  }

  static ExampleData data(int n) {
    return data(n, 12, 12, 3);
  }

  static Map<String, Double> rates(Model m, ExampleData d) {
    return m.energy(e -> e.exampleData(d)).rates();
  }

  static long preparations(Model m) {
    return m.preparedPasses().preparations();
  }

  @Test
  void aSecondEstimateOnTheSameDataPreparesNothing() {
    Model m = model();
    ExampleData d = data(40);
    Map<String, Double> first = rates(m, d);
    assertThat(preparations(m)).isEqualTo(1);
    Map<String, Double> second = rates(m, d);
    assertThat(preparations(m)).isEqualTo(1);
    assertThat(second).isEqualTo(first);
    // Other data of the same shape, and other options, reuse it too.
    rates(m, data(40));
    m.energy(e -> e.exampleData(d).accounting(Accounting.KERAS_SPIKING)).rates();
    assertThat(preparations(m)).isEqualTo(1);
  }

  @Test
  void newWeightsPrepareAnewAndGiveTheNewModelsRates() {
    Model m = model();
    ExampleData d = data(40);
    Map<String, Double> before = rates(m, d);
    float[][] kernelAndBias = m.layer("conv2d_1").weights().toArray(float[][]::new);
    for (int i = 0; i < kernelAndBias[0].length; i++) {
      kernelAndBias[0][i] *= 3;
    }
    m.layer("conv2d_1").setWeights(kernelAndBias);
    Map<String, Double> after = rates(m, d);
    assertThat(preparations(m)).isEqualTo(2);
    assertThat(after).isNotEqualTo(before);
    Model fresh = model();
    fresh.layer("conv2d_1").setWeights(kernelAndBias);
    assertThat(after).isEqualTo(rates(fresh, d));
    // initializeWeights sets weights too.
    m.initializeWeights(7);
    assertThat(rates(m, d)).isEqualTo(before);
    assertThat(preparations(m)).isEqualTo(3);
  }

  @Test
  void anotherBatchSizeOrShapePreparesAnewAndTwoAreKept() {
    Model m = model();
    ExampleData d = data(40);
    Map<String, Double> a = rates(m, d);
    m.energy(e -> e.exampleData(d).batchSize(8)).rates();
    assertThat(preparations(m)).isEqualTo(2);
    assertThat(rates(m, d)).isEqualTo(a);
    assertThat(preparations(m)).isEqualTo(2);
    // A third key pushes out the least recently used (batch size 8), not the last one.
    m.energy(e -> e.exampleData(d).batchSize(16)).rates();
    assertThat(preparations(m)).isEqualTo(3);
    assertThat(rates(m, d)).isEqualTo(a);
    assertThat(preparations(m)).isEqualTo(3);
    m.energy(e -> e.exampleData(d).batchSize(8)).rates();
    assertThat(preparations(m)).isEqualTo(4);
    // Fewer examples than the batch size make a smaller batch: another pass.
    rates(m, data(5));
    assertThat(preparations(m)).isEqualTo(5);
  }

  @Test
  void anotherExampleShapePreparesAnew() {
    Model m =
        Model.input(Model.NONE, 6)
            .dense(8, c -> c.activation(Activation.RELU))
            .dense(4)
            .model()
            .initializeWeights(3);
    Map<String, Double> ten = rates(m, data(4, 10, 6));
    rates(m, data(4, 7, 6));
    assertThat(preparations(m)).isEqualTo(2);
    assertThat(rates(m, data(4, 10, 6))).isEqualTo(ten);
    assertThat(preparations(m)).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 8})
  void threadsEstimatingOneModelGetTheSingleThreadedRates(int threads) throws Exception {
    Model m = model();
    ExampleData small = data(40);
    ExampleData large = data(24);
    Map<String, Double> smallRates = rates(m, small);
    Map<String, Double> largeRates = rates(m, large);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  int matched = 0;
                  for (int i = 0; i < 12; i++) {
                    boolean useSmall = (i + id) % 2 == 0;
                    Map<String, Double> r = rates(m, useSmall ? small : large);
                    matched += r.equals(useSmall ? smallRates : largeRates) ? 1 : 0;
                  }
                  return matched;
                }));
      }
      start.countDown();
      for (Future<Integer> f : done) {
        assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(12);
      }
    } finally {
      pool.shutdownNow();
    }
    // Busy passes were duplicated, never shared; at most two stay prepared.
    assertThat(preparations(m)).isAtLeast(2);
    assertThat(preparations(m)).isAtMost(2 + 12L * threads);
  }
}
