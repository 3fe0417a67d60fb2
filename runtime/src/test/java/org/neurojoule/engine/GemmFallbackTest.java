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
import org.neurojoule.engine.spi.Mat;

/** A native library that cannot load means pure Java, said once; forcing native fails loudly. */
class GemmFallbackTest {
  private static final Gemm.NativeLoader BROKEN =
      () -> {
        throw new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path");
      };

  @Test
  void fallsBackToJavaWithOneWarning() {
    Logger log = Logger.getAnonymousLogger();
    log.setUseParentHandlers(false);
    List<LogRecord> records = new ArrayList<>();
    log.addHandler(
        new Handler() {
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
    assertSame(
        Gemm.java(),
        Gemm.choose(
            "java",
            () -> {
              throw new AssertionError("must not try native");
            },
            log));
    assertEquals(1, records.size());
  }

  @Test
  void forcedNativeFailsInsteadOfFallingBack() {
    assertThrows(
        IllegalStateException.class,
        () -> Gemm.choose("native", BROKEN, Logger.getAnonymousLogger()));
  }

  @Test
  void bestIsChosenOnce() {
    assertSame(Gemm.best(), Gemm.best());
  }

  @Test
  void convFallsBackToGemmWithOneWarning() {
    java.util.List<String> msgs = new java.util.ArrayList<>();
    Logger log = Logger.getAnonymousLogger();
    log.setUseParentHandlers(false);
    log.addHandler(
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            msgs.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    Gemm.ConvLoader broken =
        () -> {
          throw new UnsatisfiedLinkError("no libdnnl here");
        };
    // A stand-in for a native multiply (not the pure-Java one, which never tries oneDNN).
    Gemm plain =
        new Gemm() {
          @Override
          String name() {
            return "stub";
          }

          @Override
          Mat allocate(long floats) {
            return Gemm.java().allocate(floats);
          }

          @Override
          void multiply(
              int m,
              int n,
              int k,
              Mat a,
              long aOff,
              int lda,
              Mat b,
              long bOff,
              int ldb,
              Mat c,
              long cOff,
              int ldc) {
            Gemm.java().multiply(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
          }
        };
    assertSame(plain, Gemm.withConv(plain, "", broken, log));
    assertEquals(1, msgs.size());
    assertTrue(msgs.get(0).contains("oneDNN"), msgs.get(0));
    assertSame(
        plain,
        Gemm.withConv(
            plain,
            "gemm",
            () -> {
              throw new AssertionError("must not try oneDNN");
            },
            log));
    assertSame(
        Gemm.java(),
        Gemm.withConv(
            Gemm.java(),
            "",
            () -> {
              throw new AssertionError("pure Java stays pure Java");
            },
            log));
    assertThrows(IllegalStateException.class, () -> Gemm.withConv(plain, "dnnl", broken, log));
    assertTrue(Gemm.withConv(plain, "", () -> (shape, kernel) -> null, log).dnnlConv());
    assertEquals(1, msgs.size());
  }
}
