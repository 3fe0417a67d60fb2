package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Hint}: one vocabulary, worded for Java or for the command line. */
class HintTest {
  @Test
  void eachHint_hasBothWordings_andTextFollowsTheAudience() {
    for (Hint h : Hint.values()) {
      assertThat(h.java()).isNotEmpty();
      assertThat(h.cli()).isNotEqualTo(h.java());
    }
    assertThat(Hint.audience()).isEqualTo(Hint.Audience.JAVA);
    assertThat(Hint.KERAS_SPIKING_ACCOUNTING.text())
        .isEqualTo("use energy(e -> e.accounting(Accounting.KERAS_SPIKING))");
    Hint.Audience before = Hint.speakTo(Hint.Audience.CLI);
    try {
      assertThat(before).isEqualTo(Hint.Audience.JAVA);
      assertThat(Hint.KERAS_SPIKING_ACCOUNTING.text()).isEqualTo("use --accounting keras-spiking");
      assertThat(Hint.DEFINED_DIMENSIONS.text()).contains("--input-shape");
    } finally {
      Hint.speakTo(before);
    }
    assertThat(Hint.TIMESTEPS.text(Hint.Audience.CLI)).isEqualTo("--timesteps N");
  }
}
