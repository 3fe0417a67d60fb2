package org.neurojoule;

/** Temporary: replaced once the printer lands. */
final class KerasSummary {
  private KerasSummary() {}

  static String of(Model model) {
    throw new UnsupportedOperationException();
  }
}
