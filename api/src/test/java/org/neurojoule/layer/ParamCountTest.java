package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParamCountTest {

  @Test
  void total_isTrainablePlusNonTrainable() {
    assertThat(new ParamCount(16, 16).total()).isEqualTo(32);
    assertThat(ParamCount.trainable(100)).isEqualTo(new ParamCount(100, 0));
    assertThat(ParamCount.ZERO.total()).isEqualTo(0);
  }

  @Test
  void plus_addsEachPart() {
    assertThat(new ParamCount(1, 2).plus(new ParamCount(10, 20))).isEqualTo(new ParamCount(11, 22));
  }

  @Test
  void overflow_throws_sayingWhatOverflowed() {
    var total =
        assertThrows(ArithmeticException.class, () -> new ParamCount(Long.MAX_VALUE, 1).total());
    assertThat(total)
        .hasMessageThat()
        .isEqualTo("parameters beyond 2^63-1 (9223372036854775807): 9223372036854775807 + 1");
    var plus =
        assertThrows(
            ArithmeticException.class,
            () -> ParamCount.trainable(Long.MAX_VALUE).plus(ParamCount.trainable(1)));
    assertThat(plus)
        .hasMessageThat()
        .isEqualTo(
            "trainable parameters beyond 2^63-1 (9223372036854775807): 9223372036854775807 + 1");
    var fixed =
        assertThrows(
            ArithmeticException.class,
            () -> new ParamCount(0, Long.MAX_VALUE).plus(new ParamCount(0, 2)));
    assertThat(fixed).hasMessageThat().startsWith("non-trainable parameters beyond 2^63-1");
  }

  @Test
  void negativeCounts_areRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ParamCount(-1, 0));
    assertThat(e).hasMessageThat().isEqualTo("parameter counts must be >= 0, were -1 and 0");
    assertThrows(IllegalArgumentException.class, () -> new ParamCount(0, -1));
  }
}
