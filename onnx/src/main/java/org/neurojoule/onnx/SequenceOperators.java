package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.layer.Recurrent;

/**
 * The recurrent layers and the Expand of their initial states, as {@link Operator}s that take every
 * node of their type whatever its inputs ({@link Sequences}, {@link Recurrents}).
 */
final class SequenceOperators {
  private SequenceOperators() {}

  static final Operator LSTM = recurrent("LSTM", Recurrent.Cell.LSTM).build();

  /** Its linear_before_reset is Keras' reset_after. */
  static final Operator GRU = recurrent("GRU", Recurrent.Cell.GRU, "linear_before_reset").build();

  static final Operator RNN = recurrent("RNN", Recurrent.Cell.SIMPLE_RNN).build();

  /** Of a constant only; its stored operand becomes a weight where it is a graph input. */
  static final Operator EXPAND =
      Operator.named("Expand")
          .inputs(2, 2)
          .storedOperands()
          .claims(c -> Sequences.on(c, Sequences::expand))
          .build();

  /** A recurrent layer of the sequence at input 0; inputs W, R and B are its weights. */
  private static Operator.Builder recurrent(String name, Recurrent.Cell cell, String... more) {
    List<String> reads =
        new ArrayList<>(
            List.of("activations", "clip", "direction", "hidden_size", "input_forget", "layout"));
    reads.addAll(List.of(more));
    return Operator.named(name)
        .inputs(3)
        .reads(reads.toArray(String[]::new))
        .weightsFrom(1)
        .claims(c -> Sequences.on(c, s -> s.recurrent(cell)));
  }
}
