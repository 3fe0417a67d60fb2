package org.neurojoule.summary;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.summary.KerasSummaryPrinter.Row;
import org.neurojoule.summary.KerasSummaryPrinter.Totals;

/**
 * Expected texts derived by hand from tf-keras 2.15 {@code tf_keras/utils/layer_utils.py} ({@code
 * print_summary}, {@code print_row}, {@code readable_memory_size}).
 *
 * <p>Sequential-like: line_length 65, positions {@code [int(65*.45), int(65*.85), int(65*1.)] =
 * [29, 55, 65]}. print_row cut-offs: column 0: {@code 29-0-2-1 = 26}; column 1: {@code 55-29-2-1 =
 * 23}; last column: {@code 65-55 = 10}. A line is {@code " " + cell0 + " "} padded to 29, then
 * {@code cell1 + " "} padded to 55, then {@code cell2} padded to 65. So cell 0 starts at index 1,
 * cell 1 at index 29 and cell 2 at index 55, and every line is exactly 65 characters long.
 *
 * <p>Functional: line_length 98, positions {@code [int(29.4), int(58.8), int(68.6), 98] = [29, 58,
 * 68, 98]}; cut-offs 26, {@code 58-29-3 = 26}, {@code 68-58-3 = 7} and {@code 98-68 = 30}. Cells
 * start at indices 1, 29, 58 and 68; lines are 98 characters long.
 */
class KerasSummaryPrinterTest {

  private static String lines(String... lines) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append('\n'); // print_fn = io_utils.print_msg writes line + "\n"
    }
    return sb.toString();
  }

  @Test
  void mnistFunctionalChainIsPrintedSequentialLike() {
    List<Row> rows =
        List.of(
            new Row("input_1", "InputLayer", "[(None, 28, 28, 1)]", 0),
            new Row("conv2d", "Conv2D", "(None, 22, 22, 2)", 100),
            new Row("re_lu", "ReLU", "(None, 22, 22, 2)", 0),
            new Row("flatten", "Flatten", "(None, 968)", 0),
            new Row("dense", "Dense", "(None, 128)", 124032),
            new Row("re_lu_1", "ReLU", "(None, 128)", 0),
            new Row("dense_1", "Dense", "(None, 10)", 1290));

    String expected =
        lines(
            // print_fn(f'Model: "{model.name}"')
            "Model: \"model\"",
            // "_" * 65
            "_________________________________________________________________",
            // header: " Layer (type)" (13) + 16 spaces -> 29; "Output Shape" (12) + 14 -> 55;
            // "Param #" (7) + 3 -> 65.
            " Layer (type)                Output Shape              Param #   ",
            // "=" * 65
            "=================================================================",
            // " input_1 (InputLayer)" (21) + 8 -> 29; "[(None, 28, 28, 1)]" (19, no "),") + 7
            // -> 55; "0" + 9 -> 65. Then the blank separator: " " * 65.
            " input_1 (InputLayer)        [(None, 28, 28, 1)]       0         ",
            "                                                                 ",
            // " conv2d (Conv2D)" (16) + 13; "(None, 22, 22, 2)" (17) + 9; "100" + 7.
            " conv2d (Conv2D)             (None, 22, 22, 2)         100       ",
            "                                                                 ",
            // " re_lu (ReLU)" (13) + 16; shape (17) + 9; "0" + 9.
            " re_lu (ReLU)                (None, 22, 22, 2)         0         ",
            "                                                                 ",
            // " flatten (Flatten)" (18) + 11; "(None, 968)" (11) + 15; "0" + 9.
            " flatten (Flatten)           (None, 968)               0         ",
            "                                                                 ",
            // " dense (Dense)" (14) + 15; "(None, 128)" (11) + 15; "124032" (6) + 4.
            " dense (Dense)               (None, 128)               124032    ",
            "                                                                 ",
            // " re_lu_1 (ReLU)" (15) + 14; "(None, 128)" + 15; "0" + 9.
            " re_lu_1 (ReLU)              (None, 128)               0         ",
            "                                                                 ",
            // " dense_1 (Dense)" (16) + 13; "(None, 10)" (10) + 16; "1290" (4) + 6.
            " dense_1 (Dense)             (None, 10)                1290      ",
            // the last top-level layer is followed by the blank line too (is_nested_last=False)
            "                                                                 ",
            "=================================================================",
            // 125422 * 4 = 501688 bytes; 501688 / 1024 = 489.9296875 -> "489.93 KB"
            "Total params: 125422 (489.93 KB)",
            "Trainable params: 125422 (489.93 KB)",
            // int 0: 0 / 1024 < 1 -> "{:.2f}".format(0) = "0.00" + " Byte"
            "Non-trainable params: 0 (0.00 Byte)",
            // "_" * 65, and nothing after it (no DTensor mesh)
            "_________________________________________________________________");

    assertThat(KerasSummaryPrinter.print("model", rows, Totals.of(125422, 0), true))
        .isEqualTo(expected);
  }

  @Test
  void branchingModelHasConnectedToColumn() {
    // input_1 -> dense -> batch_normalization -+
    //        \-> dense_1 ----------------------+-> concatenate -> dense_2
    // Rows in model.layers order (by decreasing depth, then by discovery order).
    List<Row> rows =
        List.of(
            new Row("input_1", "InputLayer", "[(None, 32)]", 0, List.of()),
            new Row("dense", "Dense", "(None, 64)", 2112, List.of("input_1[0][0]")),
            new Row(
                "batch_normalization",
                "BatchNormalization",
                "(None, 64)",
                256,
                List.of("dense[0][0]")),
            new Row("dense_1", "Dense", "(None, 16)", 528, List.of("input_1[0][0]")),
            new Row(
                "concatenate",
                "Concatenate",
                "(None, 80)",
                0,
                List.of("batch_normalization[0][0]", "dense_1[0][0]")),
            new Row("dense_2", "Dense", "(None, 10)", 810, List.of("concatenate[0][0]")));

    String expected =
        lines(
            "Model: \"model_1\"",
            // "_" * 98
            "__________________________________________________________________________________________________",
            // " Layer (type)" (13) + 16 -> 29; "Output Shape" (12) + 17 -> 58; "Param #" (7) + 3
            // -> 68; "Connected to" (12) + 18 -> 98.
            " Layer (type)                Output Shape                 Param #   Connected to                  ",
            "==================================================================================================",
            // Connected to = str([]) = "[]".
            " input_1 (InputLayer)        [(None, 32)]                 0         []                            ",
            "                                                                                                  ",
            // str(['input_1[0][0]']) = "['input_1[0][0]']" (17 chars, no "'," inside).
            " dense (Dense)               (None, 64)                   2112      ['input_1[0][0]']             ",
            "                                                                                                  ",
            // "batch_normalization (BatchNormalization)" is 40 > 26: first line gets the first 26
            // characters "batch_normalization (Batch", the second line "Normalization)" and empty
            // cells, each padded to its position.
            " batch_normalization (Batch  (None, 64)                   256       ['dense[0][0]']               ",
            " Normalization)                                                                                   ",
            "                                                                                                  ",
            " dense_1 (Dense)             (None, 16)                   528       ['input_1[0][0]']             ",
            "                                                                                                  ",
            // "['batch_normalization[0][0]', 'dense_1[0][0]']": its first 30 characters contain
            // "'," at index 27, so the cut is at 29: "['batch_normalization[0][0]'," (29) + 1
            // space.
            // The rest " 'dense_1[0][0]']" (17, leading space kept) starts at index 68 of the
            // next line.
            " concatenate (Concatenate)   (None, 80)                   0         ['batch_normalization[0][0]', ",
            "                                                                     'dense_1[0][0]']             ",
            "                                                                                                  ",
            " dense_2 (Dense)             (None, 10)                   810       ['concatenate[0][0]']         ",
            "                                                                                                  ",
            "==================================================================================================",
            // (3578 + 128) * 4 = 14824 B = 14.4765625 KB -> "14.48 KB"
            "Total params: 3706 (14.48 KB)",
            // 3578 * 4 = 14312 B = 13.9765625 KB -> "13.98 KB"
            "Trainable params: 3578 (13.98 KB)",
            // 128 * 4 = 512 < 1024 -> "512.00 Byte"
            "Non-trainable params: 128 (512.00 Byte)",
            "__________________________________________________________________________________________________");

    assertThat(KerasSummaryPrinter.print("model_1", rows, Totals.of(3578, 128), false))
        .isEqualTo(expected);
  }

  @Test
  void readableMemorySizeEdgeCases() {
    // int 0: 0/1024 < 1 -> "{:.2f}".format(0)
    assertThat(KerasSummaryPrinter.readableMemorySize(0)).isEqualTo("0.00 Byte");
    assertThat(KerasSummaryPrinter.readableMemorySize(1)).isEqualTo("1.00 Byte");
    assertThat(KerasSummaryPrinter.readableMemorySize(76)).isEqualTo("76.00 Byte");
    assertThat(KerasSummaryPrinter.readableMemorySize(1023)).isEqualTo("1023.00 Byte");
    // 1023 float32 params = 4092 B; 4092/1024 = 3.99609375 -> rounds to "4.00 KB"
    assertThat(KerasSummaryPrinter.readableMemorySize(1023 * 4)).isEqualTo("4.00 KB");
    // 1024/1024 = 1, not < 1 -> divided once
    assertThat(KerasSummaryPrinter.readableMemorySize(1024)).isEqualTo("1.00 KB");
    // exact binary ties round half to even as CPython does: 1152/1024 = 1.125 -> "1.12",
    // 1408/1024 = 1.375 -> "1.38"
    assertThat(KerasSummaryPrinter.readableMemorySize(1152)).isEqualTo("1.12 KB");
    assertThat(KerasSummaryPrinter.readableMemorySize(1408)).isEqualTo("1.38 KB");
    // 1048575/1024 = 1023.999... < 1024 -> stays KB but rounds to "1024.00"
    assertThat(KerasSummaryPrinter.readableMemorySize(1048575)).isEqualTo("1024.00 KB");
    // 7895140 params * 4 = 31580560 B = 30.1175... MB
    assertThat(KerasSummaryPrinter.readableMemorySize(31580560)).isEqualTo("30.12 MB");
    assertThat(KerasSummaryPrinter.readableMemorySize(3 * Math.pow(1024, 5))).isEqualTo("3.00 PB");
    // 2048 * 1024**6 B: every unit up to PB divides (6 divisions leave 2048.0), the loop ends and
    // the fall-through return uses units[-1]: "2048.00 PB"
    assertThat(KerasSummaryPrinter.readableMemorySize(2048 * Math.pow(1024, 6)))
        .isEqualTo("2048.00 PB");
  }

  @Test
  void fixedTwoDecimalsFollowsPython() {
    // format(x, ".2f") on the exact binary value: 1.005 is 1.00499999999999989... -> "1.00";
    // 2.675 is 2.67499999999999982... -> "2.67"; 0.125 is an exact tie -> half to even "0.12".
    assertThat(KerasSummaryPrinter.formatFixed2(1.005)).isEqualTo("1.00");
    assertThat(KerasSummaryPrinter.formatFixed2(2.675)).isEqualTo("2.67");
    assertThat(KerasSummaryPrinter.formatFixed2(0.125)).isEqualTo("0.12");
    assertThat(KerasSummaryPrinter.formatFixed2(-0.001)).isEqualTo("-0.00");
  }

  @Test
  void pythonListRepr() {
    assertThat(KerasSummaryPrinter.pythonListRepr(List.of())).isEqualTo("[]");
    assertThat(KerasSummaryPrinter.pythonListRepr(List.of("conv2d[0][0]")))
        .isEqualTo("['conv2d[0][0]']");
    assertThat(KerasSummaryPrinter.pythonListRepr(List.of("a[0][0]", "b[1][0]")))
        .isEqualTo("['a[0][0]', 'b[1][0]']");
    // repr switches to double quotes when the text has a single quote and no double quote
    assertThat(KerasSummaryPrinter.pythonStrRepr("it's")).isEqualTo("\"it's\"");
    assertThat(KerasSummaryPrinter.pythonStrRepr("a\\b")).isEqualTo("'a\\\\b'");
  }

  @Test
  void customLineLengthKeepsDefaultFractions() {
    // line_length=40, sequential: positions [int(18.0), int(34.0), 40] = [18, 34, 40];
    // cut-offs 18-3 = 15, 34-18-3 = 13, 40-34 = 6.
    List<Row> rows = List.of(new Row("dense_123", "Dense", "(None, 1234567)", 12345678));
    String expected =
        lines(
            "Model: \"m\"",
            "________________________________________",
            // " Layer (type)" (13) + 5 -> 18; "Output Shape" (12, fits 13) + 4 -> 34; "Param " (6
            // of
            // "Param #") -> 40; next line: "#" in the last column only.
            " Layer (type)     Output Shape    Param ",
            "                                  #     ",
            "========================================",
            // "dense_123 (Dense)" (17) -> "dense_123 (Dens" (15) / "e)";
            // "(None, 1234567)" (15) -> "(None, 123456" (13) + "  " ends at 33, padded to 34;
            // "12345678" -> "123456" / "78".
            " dense_123 (Dens  (None, 123456   123456",
            " e)               7)              78    ",
            "                                        ",
            "========================================",
            // 12345678 * 4 = 49382712 B = 47.0950... MB
            "Total params: 12345678 (47.10 MB)",
            "Trainable params: 12345678 (47.10 MB)",
            "Non-trainable params: 0 (0.00 Byte)",
            "________________________________________");
    assertThat(KerasSummaryPrinter.print("m", rows, Totals.of(12345678, 0), true, 40))
        .isEqualTo(expected);
  }

  @Test
  void lineBreakConditionsInOutputShape() {
    // A multi-output shape "[(None, 2), (None, 3)]" breaks after the first "),": in column 1
    // (cut-off 23) the first piece is "[(None, 2)," and the rest " (None, 3)]".
    List<String> printed =
        KerasSummaryPrinter.printRow(
            List.of("split (Split)", "[(None, 2), (None, 3)]", "0"), new int[] {29, 55, 65});
    assertThat(printed)
        .containsExactly(
            " split (Split)               [(None, 2),               0         ",
            "                              (None, 3)]                         ")
        .inOrder();
  }

  @Test
  void rejectsInconsistentTotalsAndHopelessLineLength() {
    assertThrows(IllegalArgumentException.class, () -> new Totals(10, 4, 5));
    // line_length 3: positions [1, 2, 3], cut-off of column 0 is 1-3 = -2; Python would loop
    // forever on "abc (Dense)"[:-2] / [-2:] ... here it is an error.
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KerasSummaryPrinter.print(
                "m", List.of(new Row("abc", "Dense", "(None, 1)", 2)), Totals.of(2, 0), true, 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> KerasSummaryPrinter.print("m", List.of(), Totals.of(0, 0), true, -1));
  }
}
