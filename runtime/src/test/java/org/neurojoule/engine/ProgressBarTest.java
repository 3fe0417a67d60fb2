package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the progress bar draws: nothing for a pass under a second, then a line redrawn in place
 * ({@code \r}) at most every 200 ms, always the final state, and a newline at the end.
 */
class ProgressBarTest {
  private static final long MS = 1_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ProgressBar bar =
      ProgressBar.on(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private String drawn() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shortPassDrawsNothing() {
    bar.progress(5, 10, 500 * MS);
    bar.progress(10, 10, 900 * MS);
    bar.finish();
    assertThat(drawn()).isEmpty();
  }

  @Test
  void longPassRedrawsInPlaceAndEndsTheLine() {
    bar.progress(50, 400, 500 * MS);
    assertThat(drawn()).isEmpty();
    bar.progress(100, 400, 1000 * MS);
    assertThat(drawn())
        .isEqualTo("\rrates [#######.......................]  25% 100/400 examples, 100 ex/s");
    bytes.reset();
    // Within 200 ms of the last draw: skipped.
    bar.progress(150, 400, 1100 * MS);
    assertThat(drawn()).isEmpty();
    bar.progress(200, 400, 1250 * MS);
    assertThat(drawn())
        .isEqualTo("\rrates [###############...............]  50% 200/400 examples, 160 ex/s");
    bytes.reset();
    // The end is drawn even right after another draw.
    bar.progress(400, 400, 1300 * MS);
    bar.finish();
    assertThat(drawn())
        .isEqualTo(
            "\rrates [##############################] 100% 400/400 examples, 308 ex/s"
                + System.lineSeparator());
  }

  @Test
  void passThatEndsAfterTheDelayDrawsOnlyTheEnd() {
    bar.progress(10, 10, 2000 * MS);
    bar.finish();
    assertThat(drawn())
        .isEqualTo(
            "\rrates [##############################] 100% 10/10 examples, 5 ex/s"
                + System.lineSeparator());
  }

  @Test
  void lineForNoExamplesAndForAFewOfMany() {
    assertThat(ProgressBar.line(0, 0, 500 * MS))
        .isEqualTo("rates [##############################] 100% 0/0 examples, 0 ex/s");
    assertThat(ProgressBar.line(3, 3200, 1500 * MS))
        .isEqualTo("rates [..............................]   0% 3/3200 examples, 2 ex/s");
  }
}
