package org.neurojoule.examples.annotated;

import java.io.PrintStream;
import org.neurojoule.Model;

/**
 * The annotated example networks: what the annotation processor computed for them at compile time,
 * and the energy summary of the model each generated class builds.
 */
public final class AnnotatedExamples {
  private AnnotatedExamples() {}

  /** Prints everything to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Prints the compile-time figures of every annotated network to {@code out}. */
  public static void run(PrintStream out) {
    out.println();
    out.println("## Annotated networks: figures computed at compile time");
    out.println();
    out.printf("%-14s %14s %16s %12s%n", "network", "params", "connections", "neurons");
    row(
        out,
        "MNIST",
        MnistModel.TOTAL_PARAMS,
        MnistModel.TOTAL_CONNECTIONS,
        MnistModel.TOTAL_NEURONS);
    row(out, "VGG9", Vgg9Model.TOTAL_PARAMS, Vgg9Model.TOTAL_CONNECTIONS, Vgg9Model.TOTAL_NEURONS);
    row(
        out,
        "LCRM-VGG9",
        LcrmVgg9Model.TOTAL_PARAMS,
        LcrmVgg9Model.TOTAL_CONNECTIONS,
        LcrmVgg9Model.TOTAL_NEURONS);
    row(
        out,
        "AlexNet",
        AlexNetModel.TOTAL_PARAMS,
        AlexNetModel.TOTAL_CONNECTIONS,
        AlexNetModel.TOTAL_NEURONS);
    row(
        out,
        "LCRM-AlexNet",
        LcrmAlexNetModel.TOTAL_PARAMS,
        LcrmAlexNetModel.TOTAL_CONNECTIONS,
        LcrmAlexNetModel.TOTAL_NEURONS);
    out.printf(
        "%nMNIST conv2d: output %s, %d parameters, %d connections, %d neurons%n",
        MnistModel.CONV2D_SHAPE.toKerasString(),
        MnistModel.CONV2D_PARAMS,
        MnistModel.CONV2D_CONNECTIONS,
        MnistModel.CONV2D_NEURONS);
    out.println();
    out.println("## Annotated MNIST network: energy summary of the generated model");
    out.println();
    Model mnist = MnistModel.model();
    out.print(mnist.energy().summaryString(o -> o.printWarnings(false)));
  }

  private static void row(
      PrintStream out, String name, long params, long connections, long neurons) {
    out.printf("%-14s %14d %16d %12d%n", name, params, connections, neurons);
  }
}
