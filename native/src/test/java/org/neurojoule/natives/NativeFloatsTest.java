package org.neurojoule.natives;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.neurojoule.engine.spi.Mat;

/**
 * Native buffers outside JavaCPP's allocator: usable, freed once, and a clear error when too big.
 */
class NativeFloatsTest {
  @Test
  void holdsValuesAndFreesOnceHoweverOftenClosed() {
    NativeFloats.Buffer b = NativeFloats.allocate(1000);
    assertThat(b.pointer().capacity()).isEqualTo(1000);
    FloatBuffer view = b.pointer().asBuffer();
    assertThat(view.capacity()).isEqualTo(1000);
    view.put(999, 2.5f);
    view.put(0, -1f);
    assertThat(b.pointer().get(999)).isEqualTo(2.5f);
    assertThat(b.pointer().get(0)).isEqualTo(-1f);
    b.free().clean();
    b.free().clean();
  }

  @Test
  @SuppressWarnings("try") // closes c inside its try on purpose: a second close is harmless
  void openBlasMatrixOnTheseBuffersMultiplies() {
    OpenBlasMultiply g = null;
    try {
      g = OpenBlasMultiply.load();
    } catch (LinkageError | RuntimeException e) {
      // Skipped, not passed, where the native library does not load.
    }
    assumeTrue(g != null, "OpenBLAS does not load here");
    try (Mat a = g.constant(new float[] {1, 2, 3, 4, 5, 6});
        Mat b = g.constant(new float[] {1, 0, 0, 1, 1, 1});
        Mat c = g.allocate(4)) {
      // (2 x 3) times (3 x 2).
      g.multiply(2, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2);
      float[] out = new float[4];
      c.get(0, out, 0, 4);
      assertThat(out).isEqualTo(new float[] {4, 5, 10, 11});
      c.close();
    }
  }

  @Test
  void moreThanTheAddressSpaceIsAClearError() {
    OutOfMemoryError e =
        assertThrows(OutOfMemoryError.class, () -> NativeFloats.allocate(1L << 50));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "the native memory has no room for" + " 1125899906842624 floats (4194304.0 GiB)");
  }
}
