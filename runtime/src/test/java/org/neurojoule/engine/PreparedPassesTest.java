package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;

import java.lang.ref.WeakReference;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;

/** How prepared passes are kept, handed out, replaced and freed. */
class PreparedPassesTest {
  private static final Gemm GEMM = Gemm.best();

  static Model model() {
    return Model.input(6, 6, 2).conv2d(4, 3).relu().flatten().dense(3).model();
  }

  static PreparedPasses.Key key(int maxN, long weights) {
    return new PreparedPasses.Key(new int[] {6, 6, 2}, maxN, GEMM, weights);
  }

  static Forward prepare(Model m, int maxN) {
    return new Forward(m, new int[] {6, 6, 2}, maxN, GEMM);
  }

  @Test
  void aBusyPassIsNeverHandedOutTwice() {
    Model m = model();
    PreparedPasses passes = new PreparedPasses();
    Forward a = passes.acquire(key(4, 0), () -> prepare(m, 4));
    Forward b = passes.acquire(key(4, 0), () -> prepare(m, 4));
    assertThat(b).isNotSameInstanceAs(a);
    assertThat(passes.preparations()).isEqualTo(2);
    passes.release(key(4, 0), a, true);
    passes.release(key(4, 0), b, true);
    assertThat(passes.acquire(key(4, 0), () -> prepare(m, 4))).isSameInstanceAs(b);
    assertThat(passes.acquire(key(4, 0), () -> prepare(m, 4))).isSameInstanceAs(a);
    assertThat(passes.preparations()).isEqualTo(2);
  }

  @Test
  void aPassPushedOutIsClosedAtOnce() {
    Model m = model();
    PreparedPasses passes = new PreparedPasses();
    Forward[] f = new Forward[3];
    for (int i = 0; i < 3; i++) {
      int maxN = i + 1;
      f[i] = passes.acquire(key(maxN, 0), () -> prepare(m, maxN));
      passes.release(key(maxN, 0), f[i], true);
    }
    assertThat(passes.idleCount()).isEqualTo(PreparedPasses.CAPACITY);
    assertThat(f[0].isClosed()).isTrue();
    assertThat(f[1].isClosed()).isFalse();
    assertThat(f[2].isClosed()).isFalse();
  }

  @Test
  void newWeightsCloseThePassesMadeForOlderOnes() {
    Model m = model();
    PreparedPasses passes = new PreparedPasses();
    Forward old = passes.acquire(key(2, 5), () -> prepare(m, 2));
    passes.release(key(2, 5), old, true);
    Forward fresh = passes.acquire(key(2, 6), () -> prepare(m, 2));
    assertThat(fresh).isNotSameInstanceAs(old);
    assertThat(old.isClosed()).isTrue();
    passes.release(key(2, 6), fresh, true);
    // A thread that finishes late with a pass for old weights does not keep it.
    Forward late = prepare(m, 2);
    passes.release(key(2, 5), late, true);
    assertThat(late.isClosed()).isTrue();
    assertThat(passes.idleCount()).isEqualTo(1);
  }

  @Test
  void aPassThatFailedIsClosedNotKept() {
    Model m = model();
    PreparedPasses passes = new PreparedPasses();
    Forward f = passes.acquire(key(2, 0), () -> prepare(m, 2));
    passes.release(key(2, 0), f, false);
    assertThat(f.isClosed()).isTrue();
    assertThat(passes.idleCount()).isEqualTo(0);
  }

  @Test
  void aReusedPassForgetsTheEarlierData() {
    Model m = model();
    PreparedPasses passes = new PreparedPasses();
    ExampleData ones = ExampleData.filled(1, 3, 6, 6, 2);
    ExampleData halves = ExampleData.filled(0.5, 3, 6, 6, 2);
    var once = FiringRates.measure(m, null, 0, halves, 2, Optional.of((a, b, c) -> {}), GEMM);
    FiringRates.measure(m, passes, 0, ones, 2, Optional.of((a, b, c) -> {}), GEMM);
    var reused = FiringRates.measure(m, passes, 0, halves, 2, Optional.of((a, b, c) -> {}), GEMM);
    assertThat(passes.preparations()).isEqualTo(1);
    assertThat(reused).isEqualTo(once);
  }

  @Test
  void aDroppedCacheClosesItsIdlePassesAndAPassDoesNotKeepItsModel() throws InterruptedException {
    // The model holds its cache, and the cache its passes: when neither the pass nor the cache
    // keeps the model reachable, dropping the model drops the cache, whose cleaner closes them.
    Forward[] kept = new Forward[1];
    WeakReference<Model> model = dropAfterUse(kept);
    for (int i = 0; i < 300 && (model.get() != null || !kept[0].isClosed()); i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(model.get()).isNull();
    assertThat(kept[0].isClosed()).isTrue();
  }

  /** A model and a cache holding one idle pass, both dropped; only the pass is kept. */
  private static WeakReference<Model> dropAfterUse(Forward[] kept) {
    Model m = model();
    PreparedPasses passes = new PreparedPasses();
    Forward f = passes.acquire(key(2, 0), () -> prepare(m, 2));
    passes.release(key(2, 0), f, true);
    kept[0] = f;
    return new WeakReference<>(m);
  }
}
