package org.neurojoule.shape;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class ChannelAxisTest {
  @Test
  void channelsLast_movesTheFirstAxisLast_andChannelsFirstUndoesIt() {
    int[] chw = {2, 34, 30};
    assertThat(ChannelAxis.channelsLast(chw)).asList().containsExactly(34, 30, 2).inOrder();
    assertThat(ChannelAxis.channelsFirst(ChannelAxis.channelsLast(chw)))
        .asList()
        .containsExactly(2, 34, 30)
        .inOrder();
  }

  @Test
  void ranksBelowTwo_areCopiedUnchanged() {
    int[] one = {7};
    int[] copy = ChannelAxis.channelsLast(one);
    assertThat(copy).asList().containsExactly(7);
    assertThat(copy).isNotSameInstanceAs(one);
    assertThat(ChannelAxis.channelsFirst(new int[0])).isEmpty();
  }
}
