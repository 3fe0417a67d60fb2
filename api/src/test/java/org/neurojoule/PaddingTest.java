package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Padding;

class PaddingTest {

  @Test
  void kerasName_isLowerCase() {
    assertThat(Padding.VALID.kerasName()).isEqualTo("valid");
    assertThat(Padding.SAME.kerasName()).isEqualTo("same");
  }
}
