package org.neurojoule.summary;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.summary.KerasSummaryPrinter.Row;
import org.neurojoule.summary.KerasSummaryPrinter.Totals;

/**
 * Compares with summaries really printed by Keras 2.13+ and pasted into public repositories (found
 * through a code search). Each paste is transcribed below as it was stored: where the paste kept
 * trailing spaces, the comparison is exact; where the author's editor stripped them, lines are
 * compared with trailing spaces removed; where the paste was cut short, only the printed prefix is
 * compared.
 */
class KerasSummaryGroundTruthTest {

  private static List<String> printedLines(String text) {
    assertThat(text).endsWith("\n");
    return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
  }

  private static List<String> stripTrailing(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.stripTrailing());
    }
    return out;
  }

  /**
   * A Sequential model of five Dense layers, pasted with its trailing spaces into a README
   * (mhosseinf/Challenge21-deep-learning); the paste ends before the final rule line.
   */
  @Test
  void sequentialDenseStack() {
    List<Row> rows =
        List.of(
            new Row("dense", "Dense", "(None, 7)", 350),
            new Row("dense_1", "Dense", "(None, 9)", 72),
            new Row("dense_2", "Dense", "(None, 7)", 70),
            new Row("dense_3", "Dense", "(None, 1)", 8),
            new Row("dense_4", "Dense", "(None, 1)", 2));
    List<String> real =
        List.of(
            "Model: \"sequential\"",
            "_________________________________________________________________",
            " Layer (type)                Output Shape              Param #   ",
            "=================================================================",
            " dense (Dense)               (None, 7)                 350       ",
            "                                                                 ",
            " dense_1 (Dense)             (None, 9)                 72        ",
            "                                                                 ",
            " dense_2 (Dense)             (None, 7)                 70        ",
            "                                                                 ",
            " dense_3 (Dense)             (None, 1)                 8         ",
            "                                                                 ",
            " dense_4 (Dense)             (None, 1)                 2         ",
            "                                                                 ",
            "=================================================================",
            "Total params: 502 (1.96 KB)",
            "Trainable params: 502 (1.96 KB)",
            "Non-trainable params: 0 (0.00 Byte)");

    List<String> printed =
        printedLines(KerasSummaryPrinter.print("sequential", rows, Totals.of(502, 0), true));

    assertThat(printed.subList(0, real.size())).containsExactlyElementsIn(real).inOrder();
    assertThat(printed).hasSize(real.size() + 1);
  }

  /**
   * An Inception block (Input + 7 convolutions/poolings + a 4-way Concatenate), pasted in a README
   * with trailing spaces stripped. Shows the "Connected to" column, a wrapped layer name
   * ("MaxPooling2" / "D)") and one inbound tensor per line.
   */
  @Test
  void inceptionBlockWithConcatenate() {
    List<Row> rows =
        List.of(
            new Row("input_1", "InputLayer", "[(None, 224, 224, 3)]", 0, List.of()),
            new Row("conv2d_1", "Conv2D", "(None, 224, 224, 96)", 384, List.of("input_1[0][0]")),
            new Row("conv2d_3", "Conv2D", "(None, 224, 224, 16)", 64, List.of("input_1[0][0]")),
            new Row(
                "max_pooling2d",
                "MaxPooling2D",
                "(None, 224, 224, 3)",
                0,
                List.of("input_1[0][0]")),
            new Row("conv2d", "Conv2D", "(None, 224, 224, 64)", 256, List.of("input_1[0][0]")),
            new Row(
                "conv2d_2", "Conv2D", "(None, 224, 224, 128)", 110720, List.of("conv2d_1[0][0]")),
            new Row("conv2d_4", "Conv2D", "(None, 224, 224, 32)", 12832, List.of("conv2d_3[0][0]")),
            new Row(
                "conv2d_5", "Conv2D", "(None, 224, 224, 32)", 128, List.of("max_pooling2d[0][0]")),
            new Row(
                "concatenate",
                "Concatenate",
                "(None, 224, 224, 256)",
                0,
                List.of("conv2d[0][0]", "conv2d_2[0][0]", "conv2d_4[0][0]", "conv2d_5[0][0]")));
    List<String> real =
        List.of(
            "Model: \"model\"",
            "__________________________________________________________________________________________________",
            " Layer (type)                Output Shape                 Param #   Connected to",
            "==================================================================================================",
            " input_1 (InputLayer)        [(None, 224, 224, 3)]        0         []",
            "",
            " conv2d_1 (Conv2D)           (None, 224, 224, 96)         384       ['input_1[0][0]']",
            "",
            " conv2d_3 (Conv2D)           (None, 224, 224, 16)         64        ['input_1[0][0]']",
            "",
            " max_pooling2d (MaxPooling2  (None, 224, 224, 3)          0         ['input_1[0][0]']",
            " D)",
            "",
            " conv2d (Conv2D)             (None, 224, 224, 64)         256       ['input_1[0][0]']",
            "",
            " conv2d_2 (Conv2D)           (None, 224, 224, 128)        110720    ['conv2d_1[0][0]']",
            "",
            " conv2d_4 (Conv2D)           (None, 224, 224, 32)         12832     ['conv2d_3[0][0]']",
            "",
            " conv2d_5 (Conv2D)           (None, 224, 224, 32)         128       ['max_pooling2d[0][0]']",
            "",
            " concatenate (Concatenate)   (None, 224, 224, 256)        0         ['conv2d[0][0]',",
            "                                                                     'conv2d_2[0][0]',",
            "                                                                     'conv2d_4[0][0]',",
            "                                                                     'conv2d_5[0][0]']",
            "",
            "==================================================================================================",
            "Total params: 124384 (485.88 KB)",
            "Trainable params: 124384 (485.88 KB)",
            "Non-trainable params: 0 (0.00 Byte)",
            "__________________________________________________________________________________________________");

    String text = KerasSummaryPrinter.print("model", rows, Totals.of(124384, 0), false);

    assertThat(stripTrailing(printedLines(text))).containsExactlyElementsIn(real).inOrder();
    // Unstripped, every line from the first rule to the closing "=" rule (the 3 totals lines and
    // the final rule follow it) is padded to line_length.
    for (String line : printedLines(text).subList(1, real.size() - 4)) {
      assertThat(line).hasLength(98);
    }
  }

  /**
   * The beginning of a Transformer's summary, pasted with trailing spaces (the paste stops in the
   * middle of the seventh layer). Shows a wrapped parameter count ("1484441" / "6", cut-off 7),
   * wrapped class names, and the "Connected to" cell breaking at its 30-character cut-off when no
   * "'," falls inside it ("]" alone, or ", 'mask..." on the next line).
   */
  @Test
  void transformerPrefixWithWrappedCells() {
    List<Row> rows =
        List.of(
            new Row("enc_entradas", "InputLayer", "[(None, None)]", 0, List.of()),
            new Row(
                "embedding",
                "Embedding",
                "(None, None, 512)",
                14844416,
                List.of("enc_entradas[0][0]")),
            new Row(
                "positional_encoding",
                "PositionalEncoding",
                "(None, None, 512)",
                0,
                List.of("embedding[0][0]")),
            new Row("mask_entradas_encoder", "InputLayer", "[(None, None)]", 0, List.of()),
            new Row(
                "transformer_encoder",
                "TransformerEncoder",
                "(None, None, 512)",
                3152384,
                List.of("positional_encoding[0][0]", "mask_entradas_encoder[0][0]")),
            new Row(
                "transformer_encoder_1",
                "TransformerEncoder",
                "(None, None, 512)",
                3152384,
                List.of("transformer_encoder[0][0]", "mask_entradas_encoder[0][0]")),
            new Row(
                "transformer_encoder_2",
                "TransformerEncoder",
                "(None, None, 512)",
                3152384,
                List.of("transformer_encoder_1[0][0]", "mask_entradas_encoder[0][0]")));
    List<String> real =
        List.of(
            "Model: \"transformer\"",
            "__________________________________________________________________________________________________",
            " Layer (type)                Output Shape                 Param #   Connected to                  ",
            "==================================================================================================",
            " enc_entradas (InputLayer)   [(None, None)]               0         []                            ",
            "                                                                                                  ",
            " embedding (Embedding)       (None, None, 512)            1484441   ['enc_entradas[0][0]']        ",
            "                                                          6                                       ",
            "                                                                                                  ",
            " positional_encoding (Posit  (None, None, 512)            0         ['embedding[0][0]']           ",
            " ionalEncoding)                                                                                   ",
            "                                                                                                  ",
            " mask_entradas_encoder (Inp  [(None, None)]               0         []                            ",
            " utLayer)                                                                                         ",
            "                                                                                                  ",
            " transformer_encoder (Trans  (None, None, 512)            3152384   ['positional_encoding[0][0]', ",
            " formerEncoder)                                                      'mask_entradas_encoder[0][0]'",
            "                                                                    ]                             ",
            "                                                                                                  ",
            " transformer_encoder_1 (Tra  (None, None, 512)            3152384   ['transformer_encoder[0][0]', ",
            " nsformerEncoder)                                                    'mask_entradas_encoder[0][0]'",
            "                                                                    ]                             ",
            "                                                                                                  ",
            " transformer_encoder_2 (Tra  (None, None, 512)            3152384   ['transformer_encoder_1[0][0]'",
            " nsformerEncoder)                                                   , 'mask_entradas_encoder[0][0]");

    List<String> printed =
        printedLines(KerasSummaryPrinter.print("transformer", rows, Totals.of(74131387, 0), false));

    assertThat(printed.subList(0, real.size())).containsExactlyElementsIn(real).inOrder();
  }
}
