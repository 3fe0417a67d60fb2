package org.neurojoule.onnx;

/**
 * The recurrent layers and the Expand of their initial states, as {@link Operator}s that take
 * every node of their type whatever its inputs ({@link Sequences}, {@link Recurrents}).
 */
final class SequenceOperators {
  private SequenceOperators() {}

  static final Operator LSTM = recurrent("LSTM").reads("activations", "clip", "direction",
      "hidden_size", "input_forget", "layout").build();
  static final Operator GRU = recurrent("GRU").reads("activations", "clip", "direction",
      "hidden_size", "layout", "linear_before_reset").build();
  static final Operator RNN = recurrent("RNN").reads("activations", "clip", "direction",
      "hidden_size", "layout").build();
  /** Of a constant only; its stored operand becomes a weight where it is a graph input. */
  static final Operator EXPAND = Operator.named("Expand").storedOperands()
      .claims(c -> Sequences.on(c, Sequences::expand)).build();

  private static Operator.Builder recurrent(String name) {
    return Operator.named(name).weightsFrom(1).claims(c -> Sequences.on(c, Sequences::recurrent));
  }
}
