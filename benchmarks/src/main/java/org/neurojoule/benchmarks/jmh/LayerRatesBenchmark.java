package org.neurojoule.benchmarks.jmh;

import static org.neurojoule.layer.Padding.SAME;

import java.util.concurrent.TimeUnit;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.layer.Activation;
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
 * The firing-rate pass of one layer, through the public estimate: a dense layer (1024 to 1024,
 * ReLU) and a 3x3 convolution (56x56x64 to 64 channels, same padding, ReLU), the two kinds that
 * hold nearly all of a network's multiply-accumulates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LayerRatesBenchmark {
  /** Examples per pass: one mini-batch. */
  @Param({"32"})
  public int examples;

  private Model dense;
  private ExampleData denseData;
  private Model conv;
  private ExampleData convData;

  /** Builds both one-layer models with seeded weights and their example data. */
  @Setup
  public void setUp() {
    dense =
        Model.of(Model.input(1024).dense(1024, d -> d.activation(Activation.RELU)))
            .initializeWeights(1);
    denseData = BenchmarkData.random(dense, examples);
    conv =
        Model.of(
                Model.input(56, 56, 64)
                    .conv2d(64, 3, c -> c.padding(SAME).activation(Activation.RELU)))
            .initializeWeights(1);
    convData = BenchmarkData.random(conv, examples);
  }

  /** {@return the rates of the dense layer over the examples} */
  @Benchmark
  public Object denseRates() {
    return BenchmarkData.rates(dense, denseData);
  }

  /** {@return the rates of the convolution over the examples} */
  @Benchmark
  public Object convRates() {
    return BenchmarkData.rates(conv, convData);
  }
}
