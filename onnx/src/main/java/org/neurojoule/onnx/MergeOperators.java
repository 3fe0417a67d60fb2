package org.neurojoule.onnx;

import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Add, Sub, Mul, Div and Concat as {@link Operator}s: folded on constants, else mapped by {@link
 * Merges} (merge layers between activations, a Rescaling by a scalar, an AddWeight, MulWeight or
 * ConcatWeight for a stored tensor), in any layout.
 */
final class MergeOperators {
  private MergeOperators() {}

  /** Add and Sub of a stored tensor make it an AddWeight's weight. */
  static final Operator ADD = arithmetic("Add", (x, y) -> x + y).storedOperands().build();

  static final Operator SUB = arithmetic("Sub", (x, y) -> x - y).storedOperands().build();

  /** Mul by a stored tensor makes it a MulWeight's weight. */
  static final Operator MUL = arithmetic("Mul", (x, y) -> x * y).storedOperands().build();

  static final Operator DIV =
      Operator.named("Div")
          .inputs(2, 2)
          .anyLayout()
          .folds(
              c -> {
                List<Const> v = c.values();
                return c.folding().divide(v.get(0), v.get(1));
              })
          .maps(c -> new Merges(c.at, c.ins).apply())
          .build();

  /** A stored tensor before an activation becomes a ConcatWeight's weight. */
  static final Operator CONCAT =
      Operator.named("Concat")
          .reads("axis")
          .anyLayout()
          .storedOperands()
          .folds(c -> c.folding().concat(c.values(), c.at.small("axis", 0)))
          .maps(c -> new Merges(c.at, c.ins).concat())
          .build();

  private static Operator.Builder arithmetic(String name, DoubleBinaryOperator f) {
    return Operator.named(name)
        .inputs(2, 2)
        .anyLayout()
        .folds(
            c -> {
              List<Const> v = c.values();
              return c.folding().arithmetic(v.get(0), v.get(1), f);
            })
        .maps(c -> new Merges(c.at, c.ins).apply());
  }
}
