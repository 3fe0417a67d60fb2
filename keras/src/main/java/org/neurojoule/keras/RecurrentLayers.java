package org.neurojoule.keras;

import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Bidirectional;
import org.neurojoule.layer.Bidirectional.MergeMode;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.Recurrent;
import org.neurojoule.layer.TimeDistributed;
import org.neurojoule.shape.Shape;

/**
 * Keras' recurrent layers and wrappers: SimpleRNN, LSTM, GRU, Bidirectional and TimeDistributed
 * (Keras 2, tf.keras and Keras 3 spell them alike). Fields that only matter in training ({@code
 * dropout}, {@code recurrent_dropout}, initializers) or for speed ({@code unroll}, {@code
 * implementation}) are ignored; those that would change the outputs NeuroJoule cannot give are
 * refused.
 */
final class RecurrentLayers {
  /** The config keys of the recurrent layers, declared before the descriptors that use them. */
  private static final String[] RNN_KEYS = {
    "stateful",
    "return_state",
    "time_major",
    "units",
    "activation",
    "use_bias",
    "return_sequences",
    "go_backwards",
    "recurrent_activation",
    "reset_after"
  };

  static final KerasLayerDescriptor SIMPLE_RNN = rnn("SimpleRNN", Recurrent.Cell.SIMPLE_RNN);
  static final KerasLayerDescriptor LSTM = rnn("LSTM", Recurrent.Cell.LSTM);
  static final KerasLayerDescriptor GRU = rnn("GRU", Recurrent.Cell.GRU);
  static final KerasLayerDescriptor BIDIRECTIONAL =
      KerasLayerDescriptor.of(
          "Bidirectional", RecurrentLayers::bidirectional, "layer", "backward_layer", "merge_mode");

  /** Applies the wrapped layer to each time step; the wrapped layer has its own descriptor. */
  static final KerasLayerDescriptor TIME_DISTRIBUTED =
      KerasLayerDescriptor.of("TimeDistributed", RecurrentLayers::timeDistributed, "layer");

  private RecurrentLayers() {}

  private static KerasLayerDescriptor rnn(String className, Recurrent.Cell cell) {
    return KerasLayerDescriptor.of(
        className, (c, in) -> recurrent(c, cell).name(ConfigKeys.name(c)), RNN_KEYS);
  }

  private static Recurrent recurrent(Cfg c, Recurrent.Cell cell) {
    refuse(
        c,
        "stateful",
        "a stateful layer carries its state across batches; NeuroJoule runs"
            + " each example from a zero state (re-save the model with stateful=False)");
    refuse(
        c,
        "return_state",
        "return_state gives the layer several outputs; NeuroJoule layers" + " have one");
    refuse(c, "time_major", "time_major inputs (time before batch) are not supported");
    Recurrent r =
        Recurrent.of(cell, c.positiveInt("units"))
            .activation(ConfigKeys.activation(c, "activation", Activation.TANH))
            .useBias(ConfigKeys.useBias(c))
            .returnSequences(c.bool("return_sequences", false))
            .goBackwards(c.bool("go_backwards", false));
    if (cell != Recurrent.Cell.SIMPLE_RNN) {
      r =
          r.recurrentActivation(
              ConfigKeys.activation(c, "recurrent_activation", Activation.SIGMOID));
    }
    if (cell == Recurrent.Cell.GRU) {
      // Files written before reset_after existed (Keras < 2.1.3) reset before.
      r = r.resetAfter(c.bool("reset_after", false));
    }
    return r;
  }

  private static void refuse(Cfg c, String field, String why) {
    if (c.bool(field, false)) {
      throw c.error("field '" + field + "' is true: " + why);
    }
  }

  private static LayerSpec bidirectional(Cfg c, Shape in) {
    Recurrent forward = wrapped(c, "layer");
    if (c.has("backward_layer")) {
      Recurrent backward = wrapped(c, "backward_layer");
      Recurrent mirrored = forward.goBackwards(!forward.goBackwards());
      if (!backward.equals(mirrored)) {
        throw c.error(
            "its backward_layer "
                + backward.describe()
                + " is not its layer "
                + forward.describe()
                + " reading the other way; NeuroJoule supports only that");
      }
    }
    if (c.isNull("merge_mode")) {
      throw c.error(
          "field 'merge_mode' is None, which gives two outputs; NeuroJoule layers have"
              + " one (use 'concat', 'sum', 'mul' or 'ave')");
    }
    String mode = c.optString("merge_mode").orElse("concat");
    MergeMode merge;
    try {
      merge = MergeMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw c.error(
          "field 'merge_mode' is '"
              + mode
              + "'; NeuroJoule supports 'concat', 'sum',"
              + " 'mul' and 'ave'");
    }
    return Bidirectional.of(forward).mergeMode(merge).name(ConfigKeys.name(c));
  }

  private static LayerSpec timeDistributed(Cfg c, Shape in) {
    Cfg wrapped = c.object("layer", c.where());
    String inner = ConfigReader.bareClassName(wrapped.string("class_name"));
    Cfg innerCfg = wrapped.object("config", c.where() + ", wrapped " + inner);
    if (in.rank() < 2) {
      throw c.error(
          "TimeDistributed needs an input with a time axis, the input is " + in.toKerasString());
    }
    LayerSpec step = KerasLayerRegistry.spec(inner, innerCfg, in.dropFirst(1));
    return TimeDistributed.of(step).name(ConfigKeys.name(c));
  }

  /** The recurrent layer in field {@code field}, unnamed (the wrapper carries the name). */
  private static Recurrent wrapped(Cfg c, String field) {
    Cfg wrapper = c.object(field, c.where());
    String inner = ConfigReader.bareClassName(wrapper.string("class_name"));
    Recurrent.Cell cell =
        switch (inner) {
          case "SimpleRNN" -> Recurrent.Cell.SIMPLE_RNN;
          case "LSTM" -> Recurrent.Cell.LSTM;
          case "GRU" -> Recurrent.Cell.GRU;
          default ->
              throw c.error(
                  "field '"
                      + field
                      + "' is a "
                      + inner
                      + "; NeuroJoule's"
                      + " Bidirectional wraps SimpleRNN, LSTM or GRU");
        };
    return recurrent(wrapper.object("config", c.where() + ", wrapped " + inner), cell);
  }
}
