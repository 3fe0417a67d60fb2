package org.neurojoule.onnx;

import java.util.List;

/**
 * Operators on constants and the pass-throughs, as {@link Operator}s: Constant, Cast,
 * ConstantOfShape, Equal and Where fold only (on an activation they are not supported); Identity
 * and Dropout pass a constant or an activation on unchanged (Dropout computes nothing at
 * inference).
 */
final class ConstantOperators {
  private ConstantOperators() {}

  static final Operator CONSTANT =
      Operator.named("Constant")
          .inputs(0, 0)
          .reads("value", "value_float", "value_floats", "value_int", "value_ints")
          .folds(c -> c.folding().constant())
          .build();
  static final Operator IDENTITY = passThrough("Identity");
  static final Operator DROPOUT = passThrough("Dropout");
  static final Operator CAST =
      Operator.named("Cast").reads("to").folds(c -> c.folding().cast(c.values().get(0))).build();
  static final Operator CONSTANT_OF_SHAPE =
      Operator.named("ConstantOfShape")
          .reads("value")
          .folds(c -> c.folding().constantOfShape(c.values().get(0)))
          .build();
  static final Operator EQUAL =
      Operator.named("Equal")
          .inputs(2, 2)
          .folds(
              c -> {
                List<Const> v = c.values();
                return c.folding().equal(v.get(0), v.get(1));
              })
          .build();
  static final Operator WHERE =
      Operator.named("Where")
          .inputs(3, 3)
          .folds(
              c -> {
                List<Const> v = c.values();
                return c.folding().where(v.get(0), v.get(1), v.get(2));
              })
          .build();

  /** An operator that hands its first input on: a constant folds, an activation stays. */
  private static Operator passThrough(String name) {
    return Operator.named(name).folds(c -> (Const) c.ins.get(0)).anyLayout().maps(Call::x).build();
  }
}
