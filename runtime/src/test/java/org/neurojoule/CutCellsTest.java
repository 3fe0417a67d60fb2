package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Numbers cut to fit their column say so; {@code lineLength(AUTO)} never cuts. */
class CutCellsTest {
  /** 2e9 x 2e9: 4,000,000,000,000,000,000 connections, 19 digits. */
  private static ModelEnergy huge() {
    return Model.input(2_000_000_000).dense(2_000_000_000).energy();
  }

  @Test
  void aCutCount_endsInTheCutMark() {
    String s = huge().summaryString(o -> o.lineLength(60).printWarnings(false));
    assertThat(s)
        .isEqualTo(
            ""
                + "Layer (typ|Output sha|Param #  |Conn #   |Neuron #|J/inf (cp\n"
                + "----------|----------|---------|---------|--------|---------\n"
                + "input_1 (I|[(None, 20|        0|        0|       0|        0\n"
                + "dense (Den|(None, 200|40000000…|40000000…|       0|  3.4e+10\n"
                + "============================================================\n"
                + "Total energy per inference [Joules/inf] (cpu): 3.44e+10\n");
  }

  @Test
  void auto_neverCuts_andWrapsWarningsAtLeastAtTheDefaultWidth() {
    String s = huge().summaryString(o -> o.lineLength(SummaryOptions.AUTO));
    assertThat(s)
        .isEqualTo(
            ""
                + "Layer (type)        |Output shape        |Param #            |Conn #             |Neuron #|J/inf (cpu)\n"
                + "--------------------|--------------------|-------------------|-------------------|--------|-----------\n"
                + "input_1 (InputLayer)|[(None, 2000000000)]|                  0|                  0|       0|          0\n"
                + "dense (Dense)       |  (None, 2000000000)|4000000002000000000|4000000000000000000|       0|    3.4e+10\n"
                + "=".repeat(102)
                + "\n"
                + "Total energy per inference [Joules/inf] (cpu): 3.44e+10\n"
                + "* These are estimates only; see the documentation of ModelEnergy for a list of the assumptions being\n"
                + "  made.\n");
  }

  @Test
  void theReferencesCutTextStaysUnmarked() {
    String s =
        GoldenSummaryTest.mnist()
            .energy()
            .summaryString(o -> o.lineLength(60).printWarnings(false));
    assertThat(s).contains("input_1 (Inpu|[(None, 28, |");
    assertThat(s).doesNotContain("…");
  }
}
