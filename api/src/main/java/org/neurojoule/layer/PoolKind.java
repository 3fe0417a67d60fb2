package org.neurojoule.layer;

/** Whether a pooling layer takes the maximum or the mean of its window. */
public enum PoolKind {
  /** The largest value of each window. */
  MAX("Max", "max"),
  /** The mean of each window. */
  AVERAGE("Average", "average"),
  /** Sum pooling (NIR's {@code SumPool2d}): the window's sum, an average times its area. */
  SUM("Sum", "sum");

  private final String typeWord;
  private final String methodWord;

  PoolKind(String typeWord, String methodWord) {
    this.typeWord = typeWord;
    this.methodWord = methodWord;
  }

  /** {@return {@code Max} or {@code Average}, as in Keras' class names} */
  public String typeWord() {
    return typeWord;
  }

  /** {@return {@code max} or {@code average}, as in the fluent methods' names} */
  public String methodWord() {
    return methodWord;
  }
}
