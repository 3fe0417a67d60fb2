package org.neurojoule.importing;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** {@link QuietSlf4j}: SLF4J's own reports lowered to errors, unless the application chose. */
class QuietSlf4jTest {
  @Test
  void setsErrorVerbosity_onlyWhenUnset() {
    String before = System.getProperty(QuietSlf4j.VERBOSITY);
    try {
      System.clearProperty(QuietSlf4j.VERBOSITY);
      QuietSlf4j.unlessConfigured();
      assertThat(System.getProperty(QuietSlf4j.VERBOSITY)).isEqualTo("ERROR");
      System.setProperty(QuietSlf4j.VERBOSITY, "DEBUG");
      QuietSlf4j.unlessConfigured();
      assertThat(System.getProperty(QuietSlf4j.VERBOSITY)).isEqualTo("DEBUG");
    } finally {
      if (before == null) {
        System.clearProperty(QuietSlf4j.VERBOSITY);
      } else {
        System.setProperty(QuietSlf4j.VERBOSITY, before);
      }
    }
  }
}
