package org.neurojoule.energy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurojoule.Golden;

/**
 * Expected strings not taken from a golden file were produced by CPython 3.11 {@code
 * textwrap.fill(text, width, subsequent_indent=indent)}.
 */
class TextWrapTest {

  private static final String ESTIMATES =
      "* These are estimates only; see the documentation of ModelEnergy for a list of the"
          + " assumptions being made.";

  private static final String NON_SPIKING =
      "* This model contains non-spiking activations that would not actually behave in the"
          + " manner we assume in these calculations; we assume these layers will be converted"
          + " to spiking equivalents. Consider using `spikingActivation(...)` to make this"
          + " conversion explicit.";

  @Test
  void fill_estimatesWarningAtWidth60_matchesGolden() {
    assertThat(TextWrap.fill(ESTIMATES, 60, "  "))
        .isEqualTo(warnings(Golden.lines("mnist_line60_warn.txt")));
  }

  @Test
  void fill_bothWarningsAtWidth98_matchGolden() {
    String expected = warnings(Golden.lines("mnist_rates_loihi.txt"));

    assertThat(TextWrap.fill(ESTIMATES, 98, "  ") + "\n" + TextWrap.fill(NON_SPIKING, 98, "  "))
        .isEqualTo(expected);
    assertThat(warnings(Golden.lines("relu_loihi.txt"))).isEqualTo(expected);
  }

  @Test
  void fill_estimatesWarningAtWidth98_matchesSpikingGolden() {
    assertThat(TextWrap.fill(ESTIMATES, 98, "  "))
        .isEqualTo(warnings(Golden.lines("spiking_loihi.txt")));
  }

  @Test
  void fill_nonSpikingWarningAtWidth30_breaksAfterHyphen() {
    // "non-spiking" splits into the chunks "non-" and "spiking"; only "non-" fits on line 1.
    assertThat(TextWrap.fill(NON_SPIKING, 30, "  "))
        .isEqualTo(
            "* This model contains non-\n"
                + "  spiking activations that\n"
                + "  would not actually behave in\n"
                + "  the manner we assume in\n"
                + "  these calculations; we\n"
                + "  assume these layers will be\n"
                + "  converted to spiking\n"
                + "  equivalents. Consider using\n"
                + "  `spikingActivation(...)` to\n"
                + "  make this conversion\n"
                + "  explicit.");
  }

  @Test
  void fill_estimatesWarningAtWidth30_wrapsGreedily() {
    assertThat(TextWrap.fill(ESTIMATES, 30, "  "))
        .isEqualTo(
            "* These are estimates only;\n"
                + "  see the documentation of\n"
                + "  ModelEnergy for a list of\n"
                + "  the assumptions being made.");
  }

  @ParameterizedTest(name = "fill(\"{0}\", {1}) = \"{2}\"")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // Breaks after hyphens inside words, and inside long words after the last fitting one.
        "use my-gpu-device now | 9 | use my-\\n  gpu-\\n  device\\n  now",
        "use my-gpu-device now | 12 | use my-gpu-\\n  device now",
        // No hyphen break after a single letter or between digits ("e-", "1-"), nor before a
        // final single letter ("a-b-c"), so those are broken as long words if needed.
        "co-op e-mail 1-2 a-b-c | 5 | co-op\\n  e-\\n  mai\\n  l\\n  1-2\\n  a-\\n  b-c",
        // Em-dashes and option-like words.
        "Hello there -- you goof-ball, use the -b option! | 10"
            + " | Hello\\n  there --\\n  you\\n  goof-\\n  ball,\\n  use the\\n  -b\\n  option!",
        "x --option y | 4 | x --\\n  op\\n  ti\\n  on\\n  y",
        // Long words without hyphens are cut to the space left.
        "abcdefghij | 4 | abcd\\n  ef\\n  gh\\n  ij",
        "a spiking_activation(SpikingActivation) b | 12"
            + " | a spiking_ac\\n  tivation(S\\n  pikingActi\\n  vation) b",
      })
  void fill_hyphensAndLongWords_matchPython(String text, int width, String expected) {
    assertThat(TextWrap.fill(text, width, "  ")).isEqualTo(expected.replace("\\n", "\n"));
  }

  @Test
  void fill_whitespace_isCollapsedOnlyAtLineBreaks() {
    assertThat(TextWrap.fill("  leading   spaces  here  ", 8, "  "))
        .isEqualTo("leading\n  spaces\n  here");
    assertThat(TextWrap.fill("  lead", 20, "  ")).isEqualTo("  lead");
    assertThat(TextWrap.fill("a   b\nc", 20, "  ")).isEqualTo("a   b c");
    assertThat(TextWrap.fill("tab\there", 20, "  ")).isEqualTo("tab     here");
  }

  @Test
  void fill_emptyOrBlankText_givesEmptyString() {
    assertThat(TextWrap.fill("", 10, "  ")).isEmpty();
    assertThat(TextWrap.fill("   ", 10, "  ")).isEmpty();
  }

  @Test
  void fill_indentWiderThanWidth_stillMakesProgress() {
    // Python moves one character per line once the indent leaves no room.
    assertThat(TextWrap.fill("abc de", 2, "   ")).isEqualTo("ab\n   c\n   d\n   e");
  }

  @Test
  void fill_nonPositiveWidth_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TextWrap.fill("x", 0, ""));
    assertThat(e).hasMessageThat().contains("must be > 0");
  }

  /** The golden's warning lines: from the first line starting with "* " to the end. */
  private static String warnings(List<String> golden) {
    for (int i = 0; i < golden.size(); i++) {
      if (golden.get(i).startsWith("* ")) {
        return String.join("\n", golden.subList(i, golden.size()));
      }
    }
    throw new AssertionError("golden has no warning lines: " + golden);
  }
}
