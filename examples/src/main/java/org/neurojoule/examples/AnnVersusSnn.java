package org.neurojoule.examples;

import java.util.Random;
import java.util.function.UnaryOperator;
import org.neurojoule.Comparison;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.SummaryOptions;

/**
 * An ANN and its spiking conversion, side by side: the MNIST network of {@link Architectures#mnist}
 * with ReLUs, and the same network, same weights, with integrate-and-fire neurons in their place,
 * run by the spiking simulation on the images held for {@link #STEPS} steps. It prints the SNN's
 * counted spikes and synaptic events beside the rate-based estimate, then the comparison on the
 * same time budget, with the energy of activations and of spiking neurons apart.
 */
public final class AnnVersusSnn {
  /** Images of the example data. */
  static final int IMAGES = 8;

  /** Timesteps each image is held for in the spiking simulation. */
  static final int STEPS = 20;

  static final double DT = 1e-3;

  private AnnVersusSnn() {}

  /**
   * Prints the SNN's summary and the comparison.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ExampleLogging.eachWarningOnce(System.err);
    System.out.print(report());
  }

  /** {@return the ANN: conv2d(2, 7), relu, flatten, dense(128), relu, dense(10); seed 0} */
  static Model ann() {
    return Architectures.mnist().initializeWeights(0);
  }

  /** {@return the SNN: the ANN with integrate-and-fire neurons for its ReLUs, the same weights} */
  static Model snn() {
    return Model.input(28, 28, 1)
        .conv2d(2, 7)
        .integrateAndFire()
        .flatten()
        .dense(128)
        .integrateAndFire()
        .dense(10)
        .model()
        .initializeWeights(0);
  }

  /** {@return {@link #IMAGES} seeded images of uniform pixels in [0, 1), (N, 28, 28, 1)} */
  static float[] images() {
    float[] images = new float[IMAGES * 28 * 28];
    Random r = new Random(7);
    for (int i = 0; i < images.length; i++) {
      images[i] = r.nextFloat();
    }
    return images;
  }

  /** {@return the ANN's estimate: firing rates from the images} */
  static ModelEnergy annEnergy() {
    return ann().energy(e -> e.exampleData(ExampleData.of(images(), IMAGES, 28, 28, 1)));
  }

  /** {@return the SNN's estimate: each image held for {@link #STEPS} steps, simulated} */
  static ModelEnergy snnEnergy() {
    float[] images = images();
    float[] sequences = new float[IMAGES * STEPS * 28 * 28];
    for (int n = 0; n < IMAGES; n++) {
      for (int t = 0; t < STEPS; t++) {
        System.arraycopy(images, n * 784, sequences, (n * STEPS + t) * 784, 784);
      }
    }
    ExampleData data = ExampleData.of(sequences, IMAGES, STEPS, 28, 28, 1);
    return snn().energy(e -> e.exampleData(data).simulate(DT));
  }

  /** {@return the SNN's summary, then the comparison of both over {@link #STEPS} timesteps} */
  static String report() {
    ModelEnergy snn = snnEnergy();
    String counted =
        snn.summaryString(
            o ->
                o.columns(
                        "name",
                        "rate",
                        "spikes",
                        "synaptic_events",
                        "energy loihi",
                        "sim_energy loihi")
                    .lineLength(SummaryOptions.AUTO));
    UnaryOperator<SummaryOptions> sameTime =
        o ->
            o.columns("name", "energy cpu", "energy loihi")
                .timestepsPerInference(STEPS)
                .lineLength(SummaryOptions.AUTO);
    String compared = Comparison.of(annEnergy(), snn).named("ANN", "SNN").summaryString(sameTime);
    return counted + "\n" + compared;
  }
}
