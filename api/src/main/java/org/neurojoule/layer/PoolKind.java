package org.neurojoule.layer;

/** Whether a pooling layer takes the maximum or the mean of its window. */
public enum PoolKind {
  MAX("Max", "max"),
  AVERAGE("Average", "average");

  private final String typeWord;
  private final String methodWord;

  PoolKind(String typeWord, String methodWord) {
    this.typeWord = typeWord;
    this.methodWord = methodWord;
  }

  /** {@code Max} or {@code Average}, as in Keras' class names. */
  public String typeWord() {
    return typeWord;
  }

  /** {@code max} or {@code average}, as in the fluent methods' names. */
  public String methodWord() {
    return methodWord;
  }
}
