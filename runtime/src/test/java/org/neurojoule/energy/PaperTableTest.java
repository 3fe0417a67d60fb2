package org.neurojoule.energy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PaperTable}: Markdown and LaTeX, whole cells, every special character escaped. */
class PaperTableTest {
  private static final PaperTable TABLE =
      new PaperTable(
          List.of("Layer (type)", "J/inf (cpu)"),
          List.of(List.of("a|b_c (Dense)", "1.2e-05"), List.of("50% & $x^2$ #1 {y} ~z \\", "0")),
          List.of(false, true),
          List.of("Total: 1.2e-05", "* A note."));

  @Test
  void markdown_escapesPipesAndEmphasis_rightAlignsNumbers_notesAsItems() {
    assertThat(TABLE.markdown())
        .isEqualTo(
            "| Layer (type) | J/inf (cpu) |\n"
                + "| --- | ---: |\n"
                + "| a\\|b\\_c (Dense) | 1.2e-05 |\n"
                + "| 50% & $x^2$ #1 {y} ~z \\\\ | 0 |\n"
                + "\nTotal: 1.2e-05\n"
                + "\n- A note.\n");
  }

  @Test
  void latex_escapesTheTenSpecials_withBooktabsRules() {
    assertThat(TABLE.latex())
        .isEqualTo(
            "\\begin{tabular}{lr}\n"
                + "\\toprule\n"
                + "Layer (type) & J/inf (cpu) \\\\\n"
                + "\\midrule\n"
                + "a|b\\_c (Dense) & 1.2e-05 \\\\\n"
                + "50\\% \\& \\$x\\textasciicircum{}2\\$ \\#1 \\{y\\} \\textasciitilde{}z"
                + " \\textbackslash{} & 0 \\\\\n"
                + "\\bottomrule\n"
                + "\\end{tabular}\n"
                + "\nTotal: 1.2e-05\n"
                + "\nA note.\n");
  }

  @Test
  void rowsOfTheWrongLength_areRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new PaperTable(
                    List.of("a", "b"), List.of(List.of("x")), List.of(false, true), List.of()));
    assertThat(e).hasMessageThat().isEqualTo("a row of 1 cells in a table of 2 columns");
  }
}
