package org.neurojoule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A native library that cannot load means pure Java, said once; forcing native fails loudly. */
class GemmFallbackTest {
  private static final Gemm.NativeLoader BROKEN = () -> {
    throw new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path");
  };

  @Test
  void fallsBackToJavaWithOneWarning() {
    Logger log = Logger.getAnonymousLogger();
    log.setUseParentHandlers(false);
    List<LogRecord> records = new ArrayList<>();
    log.addHandler(new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    assertSame(Gemm.java(), Gemm.choose("", BROKEN, log));
    assertEquals(1, records.size());
    assertTrue(records.get(0).getMessage().contains("pure-Java"), records.get(0).getMessage());
    assertSame(Gemm.java(), Gemm.choose("java", () -> {
      throw new AssertionError("must not try native");
    }, log));
    assertEquals(1, records.size());
  }

  @Test
  void forcedNativeFailsInsteadOfFallingBack() {
    assertThrows(IllegalStateException.class,
        () -> Gemm.choose("native", BROKEN, Logger.getAnonymousLogger()));
  }

  @Test
  void bestIsChosenOnce() {
    assertSame(Gemm.best(), Gemm.best());
  }
}
