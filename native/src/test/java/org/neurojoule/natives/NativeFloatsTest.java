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
  void aLargeBufferIsMappedAtAHugePageBoundaryOnLinux() {
    long n = (3L << 20) + 5; // 12 MiB and a bit: past the threshold, not a whole number of pages
    NativeFloats.Buffer b = NativeFloats.allocate(n);
    assertThat(b.pointer().capacity()).isEqualTo(n);
    FloatBuffer view = b.pointer().asBuffer();
    view.put(0, 1f);
    view.put((int) n - 1, -3f);
    assertThat(b.pointer().get(n - 1)).isEqualTo(-3f);
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertThat(b.pointer().address() % HugePages.PAGE).isEqualTo(0);
    }
    b.free().clean();
    b.free().clean();
  }

  @Test
  void aFreedBufferIsReusedForTheNextOfItsSize() {
    NativeFloats.Buffer a = NativeFloats.allocate(173_056); // the MNIST model's dense weights
    long address = a.pointer().address();
    a.free().clean();
    NativeFloats.Buffer b = NativeFloats.allocate(173_056);
    assertThat(b.pointer().address()).isEqualTo(address);
    assertThat(b.pointer().capacity()).isEqualTo(173_056);
    b.free().clean();
  }

  @Test
  void aSmallBufferStaysWithMalloc() {
    assertThat(HugePages.map(HugePages.MIN_BYTES - 1)).isNull();
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
