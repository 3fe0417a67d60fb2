package org.neurojoule.layer;

import java.util.Objects;

/**
 * What the library's errors and notes tell a user to do, in the words of whoever reads them: a Java
 * call for a program ({@code energy(e -> e.accounting(Accounting.KERAS_SPIKING))}), a flag for the
 * command line ({@code --accounting keras-spiking}). Messages are built with {@link #text()}, which
 * speaks to the process's {@link #audience()}: {@link Audience#JAVA} unless a front end such as the
 * command-line tool says otherwise with {@link #speakTo(Audience)}.
 */
public enum Hint {
  /** An undefined dimension that statistics need. */
  DEFINED_DIMENSIONS(
      "give every dimension after the first a size",
      "give every dimension after the first a size with --input-shape, such as --input-shape"
          + " 64,64,3"),
  /** Reproducing KerasSpiking's published figures. */
  KERAS_SPIKING_ACCOUNTING(
      "use energy(e -> e.accounting(Accounting.KERAS_SPIKING))", "use --accounting keras-spiking"),
  /** The accounting mode that counts beyond KerasSpiking, the default. */
  COMPLETE_ACCOUNTING("Accounting.COMPLETE", "--accounting complete, the default"),
  /** Firing rates for a spiking device or an event-driven layer. */
  EXAMPLE_DATA(
      "model.energy(e -> e.exampleData(ExampleData.of(values, shape)))", "--example-data FILE.npy"),
  /** Columns counted by the spiking simulation. */
  SIMULATION(
      "e -> e.exampleData(sequences).simulate(dt)",
      "a model of spiking neurons (a NIR file) with --example-data of sequences (N, T, step...)"),
  /** Columns of the MAC/AC or memory-aware energy model. */
  ENERGY_MODEL(
      "choose one with o -> o.energyModel(EnergyModel.MAC_AC)",
      "choose one with --energy-model mac-ac or memory-aware"),
  /** Converting ordinary activations to spiking ones. */
  SPIKING_ACTIVATION(
      "Consider using `spikingActivation(...)` to make this conversion explicit.",
      "Consider converting them to spiking activations in the model to make this conversion"
          + " explicit."),
  /** Setting the timesteps per inference. */
  TIMESTEPS("o -> o.timestepsPerInference(n)", "--timesteps N");

  /** Who reads the library's messages. */
  public enum Audience {
    /** A program calling the library: hints name Java calls. */
    JAVA,
    /** A user of the command-line tool: hints name its options. */
    CLI
  }

  private static volatile Audience audience = Audience.JAVA;

  private final String java;
  private final String cli;

  Hint(String java, String cli) {
    this.java = java;
    this.cli = cli;
  }

  /** {@return the hint as a Java call} */
  public String java() {
    return java;
  }

  /** {@return the hint as command-line options} */
  public String cli() {
    return cli;
  }

  /**
   * {@return the hint for {@code audience}}
   *
   * @param audience who reads it
   */
  public String text(Audience audience) {
    return Objects.requireNonNull(audience, "audience == null") == Audience.CLI ? cli : java;
  }

  /** {@return the hint for the process's audience} */
  public String text() {
    return text(audience);
  }

  /** {@return who the library's messages speak to: {@link Audience#JAVA} unless set} */
  public static Audience audience() {
    return audience;
  }

  /**
   * Makes the library's messages speak to {@code audience} from now on, process-wide: a front end
   * calls it once at start-up.
   *
   * @param audience who reads the messages
   * @return the audience before
   */
  public static Audience speakTo(Audience audience) {
    Audience before = Hint.audience;
    Hint.audience = Objects.requireNonNull(audience, "audience == null");
    return before;
  }
}
