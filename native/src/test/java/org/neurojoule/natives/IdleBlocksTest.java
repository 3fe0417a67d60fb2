package org.neurojoule.natives;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Freed native blocks: reused by size, the oldest given back past the capacity. */
class IdleBlocksTest {
  private final List<String> released = new ArrayList<>();

  private IdleBlocks.Block block(String name, long bytes) {
    return new IdleBlocks.Block(bytes, bytes, () -> released.add(name));
  }

  @Test
  void sizeClassesRoundToTheirUnit() {
    assertThat(IdleBlocks.sizeClass(100)).isEqualTo(100);
    assertThat(IdleBlocks.sizeClass(65_537)).isEqualTo(128L << 10);
    assertThat(IdleBlocks.sizeClass(692_224)).isEqualTo(704L << 10);
    assertThat(IdleBlocks.sizeClass((1L << 20) + 1)).isEqualTo(2L << 20);
    assertThat(IdleBlocks.sizeClass(Long.MAX_VALUE - 5)).isEqualTo(Long.MAX_VALUE - 5);
  }

  @Test
  void aBlockGivenBackServesTheNextRequestOfItsSize() {
    IdleBlocks cache = new IdleBlocks(1L << 20);
    IdleBlocks.Block a = block("a", 128L << 10);
    cache.giveBack(a);
    assertThat(cache.take(64L << 10)).isNull();
    assertThat(cache.take(128L << 10)).isSameInstanceAs(a);
    assertThat(cache.take(128L << 10)).isNull();
    assertThat(cache.idleBytes()).isEqualTo(0);
    assertThat(released).isEmpty();
  }

  @Test
  void pastTheCapacityTheOldestGoBack() {
    IdleBlocks cache = new IdleBlocks(256L << 10);
    cache.giveBack(block("old", 128L << 10));
    cache.giveBack(block("middle", 128L << 10));
    cache.giveBack(block("new", 128L << 10));
    assertThat(released).containsExactly("old");
    assertThat(cache.idleBytes()).isEqualTo(256L << 10);
    cache.giveBack(block("too big", 512L << 10));
    cache.giveBack(block("small", 100));
    assertThat(released).containsExactly("old", "too big", "small").inOrder();
  }

  @Test
  void aZeroCapacityKeepsNothing() {
    IdleBlocks cache = new IdleBlocks(0);
    cache.giveBack(block("a", 128L << 10));
    assertThat(released).containsExactly("a");
    assertThat(cache.take(128L << 10)).isNull();
  }
}
