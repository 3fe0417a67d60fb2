package org.neurojoule.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.benchmarks.RatesBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code energy()} of the documentation's MNIST model and of VGG9: the estimate alone (the graph
 * walk and the per-layer counts), and with example data, where the firing-rate pass dominates. The
 * model is built once, so repeated calls reuse its prepared pass, as an application does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NetworkEnergyBenchmark {
  /** The example network. */
  @Param({"mnist", "vgg9"})
  public String network;

  /** Examples per estimate with data: a mini-batch of 32. */
  @Param({"32"})
  public int examples;

  private Model model;
  private ExampleData data;

  /** Builds the network with seeded weights and its example data. */
  @Setup
  public void setUp() {
    model =
        (network.equals("vgg9") ? RatesBenchmark.vgg9() : RatesBenchmark.mnist())
            .initializeWeights(1);
    data = BenchmarkData.random(model, examples);
  }

  /** {@return the estimate without example data} */
  @Benchmark
  public Object energyWithoutData() {
    return model.energy().rates();
  }

  /** {@return the firing rates of the estimate with the example data} */
  @Benchmark
  public Object energyWithExampleData() {
    return BenchmarkData.rates(model, data);
  }
}
