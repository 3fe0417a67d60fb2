package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Bidirectional.MergeMode;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

class RecurrentLayersTest {
  private static final List<Shape> TIME = List.of(Shape.of(NONE, 10));
  private static final List<Shape> FORTY = List.of(Shape.of(40, 10));

  @Test
  void outputShape_lastStateOrSequences() {
    assertThat(Recurrent.lstm(8).outputShape(TIME)).isEqualTo(Shape.of(8));
    assertThat(Recurrent.lstm(8).returnSequences(true).outputShape(TIME))
        .isEqualTo(Shape.of(NONE, 8));
    assertThat(Recurrent.gru(8).returnSequences(true).outputShape(FORTY))
        .isEqualTo(Shape.of(40, 8));
    assertThat(Bidirectional.of(Recurrent.simpleRnn(8).returnSequences(true)).outputShape(TIME))
        .isEqualTo(Shape.of(NONE, 16));
    assertThat(Bidirectional.of(Recurrent.gru(8)).mergeMode(MergeMode.AVE).outputShape(TIME))
        .isEqualTo(Shape.of(8));
  }

  @Test
  void params_asKerasCountsThem() {
    // in 10, units 8
    assertThat(Recurrent.simpleRnn(8).params(TIME).total()).isEqualTo(8 * (10 + 8 + 1));
    assertThat(Recurrent.lstm(8).params(TIME).total()).isEqualTo(4 * 8 * (10 + 8 + 1));
    assertThat(Recurrent.gru(8).resetAfter(false).params(TIME).total())
        .isEqualTo(3 * 8 * (10 + 8 + 1));
    assertThat(Recurrent.gru(8).params(TIME).total()).isEqualTo(3 * 8 * (10 + 8 + 2));
    assertThat(Recurrent.lstm(8).useBias(false).params(TIME).total()).isEqualTo(4 * 8 * 18);
    assertThat(Recurrent.gru(8).useBias(false).params(TIME).total()).isEqualTo(3 * 8 * 18);
    assertThat(Bidirectional.of(Recurrent.lstm(8)).params(TIME).total()).isEqualTo(2 * 4 * 8 * 19);
  }

  @Test
  void recurrentBias_countsASecondStoredBias_inBothModes() {
    // PyTorch's bias_ih and bias_hh: g * units more values, stored weights in either mode.
    assertThat(Recurrent.lstm(8).recurrentBias(true).params(TIME).total())
        .isEqualTo(4 * 8 * (10 + 8 + 2));
    assertThat(Recurrent.simpleRnn(8).recurrentBias(true).params(TIME).total())
        .isEqualTo(8 * (10 + 8 + 2));
    assertThat(Recurrent.gru(8).resetAfter(false).recurrentBias(true).params(TIME).total())
        .isEqualTo(Recurrent.gru(8).params(TIME).total());
    assertThat(Bidirectional.of(Recurrent.lstm(8).recurrentBias(true)).params(TIME).total())
        .isEqualTo(2 * 4 * 8 * 20);
    assertThat(WeightShapes.symbolic(Recurrent.lstm(8).recurrentBias(true)))
        .isEqualTo(
            "[kernel (cin, 32), recurrent_kernel (8, 32), bias (32,), recurrent_bias (32,)]");
    assertThat(Recurrent.lstm(8).recurrentBias(true).weightArrays()).isEqualTo(4);
    assertThat(Recurrent.lstm(8).useBias(false).weightArrays()).isEqualTo(2);
    // The statistics do not change: a bias is no connection.
    assertThat(Recurrent.lstm(8).recurrentBias(true).stats(FORTY, Shape.of(8), Accounting.COMPLETE))
        .isEqualTo(Recurrent.lstm(8).stats(FORTY, Shape.of(8), Accounting.COMPLETE));
    assertThat(Recurrent.lstm(8).recurrentBias(true).returnSequences(true).describe())
        .isEqualTo("lstm(8, sequences, recurrent bias)");
    assertThat(
            LayerType.named("LSTM").orElseThrow().bind(Map.of("units", 4, "recurrentBias", true)))
        .isEqualTo(Recurrent.lstm(4).recurrentBias(true));
    assertThat(
            LayerType.named("Bidirectional")
                .orElseThrow()
                .bind(Map.of("layer", "LSTM", "units", 4, "recurrentBias", true)))
        .isEqualTo(Bidirectional.of(Recurrent.lstm(4).recurrentBias(true)));
  }

  @Test
  void recurrentBias_withoutBiasOrOnAResetAfterGru_isAClearError() {
    for (Recurrent r :
        List.of(
            Recurrent.lstm(4).useBias(false).recurrentBias(true),
            Recurrent.gru(4).recurrentBias(true))) {
      assertThat(assertThrows(ShapeException.class, () -> r.outputShape(TIME)).getMessage())
          .isEqualTo(
              "[NnInvalidArgument] recurrentBias needs useBias and no resetAfter (a"
                  + " reset-after GRU has its own recurrent bias)");
    }
  }

  @Test
  void weights_inKerasLayout() {
    assertThat(WeightShapes.symbolic(Recurrent.gru(8)))
        .isEqualTo("[kernel (cin, 24), recurrent_kernel (8, 24), bias (2, 24)]");
    assertThat(WeightShapes.symbolic(Recurrent.gru(8).resetAfter(false)))
        .isEqualTo("[kernel (cin, 24), recurrent_kernel (8, 24), bias (24,)]");
    assertThat(WeightShapes.symbolic(Bidirectional.of(Recurrent.simpleRnn(2).useBias(false))))
        .isEqualTo(
            "[kernel (cin, 2), recurrent_kernel (2, 2), kernel (cin, 2),"
                + " recurrent_kernel (2, 2)]");
    assertThat(WeightShapes.of(Recurrent.lstm(8), TIME).stream().mapToLong(w -> w.count()).sum())
        .isEqualTo(Recurrent.lstm(8).params(TIME).total());
  }

  @Test
  void statistics_perStepOnUndefinedTime() {
    Recurrent lstm = Recurrent.lstm(8);
    assertThat(lstm.stats(TIME, lstm.outputShape(TIME), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(4 * 8 * 18, 5 * 8, false)));
    Recurrent gru = Recurrent.gru(8);
    assertThat(gru.stats(TIME, gru.outputShape(TIME), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(3 * 8 * 18, 3 * 8, false)));
    Recurrent rnn = Recurrent.simpleRnn(8);
    assertThat(rnn.stats(TIME, rnn.outputShape(TIME), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(8 * 18, 8, false)));
  }

  @Test
  void statistics_timesTOnADefinedTimeAxis_linearActivationsCountNoNeurons() {
    Recurrent lstm = Recurrent.lstm(8).returnSequences(true);
    assertThat(lstm.stats(FORTY, lstm.outputShape(FORTY), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(40 * 4 * 8 * 18, 40 * 5 * 8, false)));
    Recurrent linearGates = Recurrent.lstm(8).recurrentActivation(Activation.LINEAR);
    assertThat(linearGates.stats(FORTY, Shape.of(8), Accounting.COMPLETE).orElseThrow().neurons())
        .isEqualTo(40 * 2 * 8);
    Recurrent linear = Recurrent.simpleRnn(8).activation(Activation.LINEAR);
    assertThat(linear.stats(FORTY, Shape.of(8), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(40 * 8 * 18, 0, true)));
    Bidirectional bi = Bidirectional.of(Recurrent.gru(8)).mergeMode(MergeMode.SUM);
    assertThat(bi.stats(FORTY, bi.outputShape(FORTY), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(2 * 40 * 3 * 8 * 18, 2 * 40 * 3 * 8, false)));
  }

  @Test
  void kerasSpiking_hasNoRule() {
    assertThat(Recurrent.lstm(8).stats(TIME, Shape.of(8), Accounting.KERAS_SPIKING)).isEmpty();
    assertThat(
            Bidirectional.of(Recurrent.lstm(8)).stats(TIME, Shape.of(16), Accounting.KERAS_SPIKING))
        .isEmpty();
  }

  @Test
  void namesAndDescriptions() {
    assertThat(Recurrent.simpleRnn(4).namePrefix()).isEqualTo("simple_rnn");
    assertThat(Recurrent.lstm(4).namePrefix()).isEqualTo("lstm");
    assertThat(Recurrent.gru(4).type()).isEqualTo("GRU");
    assertThat(Bidirectional.of(Recurrent.lstm(4)).namePrefix()).isEqualTo("bidirectional");
    assertThat(Recurrent.gru(4).resetAfter(false).goBackwards(true).describe())
        .isEqualTo("gru(4, backwards, reset before)");
    assertThat(
            Recurrent.lstm(4)
                .recurrentActivation(Activation.HARD_SIGMOID)
                .returnSequences(true)
                .describe())
        .isEqualTo("lstm(4, gates hard_sigmoid, sequences)");
    assertThat(Bidirectional.of(Recurrent.lstm(4)).backwardLayer().goBackwards()).isTrue();
  }

  @Test
  void annotationsBindThroughTheirSpecs() {
    assertThat(
            LayerType.named("LSTM")
                .orElseThrow()
                .bind(
                    Map.of(
                        "units",
                        4,
                        "returnSequences",
                        true,
                        "recurrentActivation",
                        "hard_sigmoid")))
        .isEqualTo(
            Recurrent.lstm(4).returnSequences(true).recurrentActivation(Activation.HARD_SIGMOID));
    assertThat(LayerType.named("GRU").orElseThrow().bind(Map.of("units", 4, "resetAfter", false)))
        .isEqualTo(Recurrent.gru(4).resetAfter(false));
    assertThat(LayerType.named("SimpleRNN").orElseThrow().bind(Map.of("units", 4)))
        .isEqualTo(Recurrent.simpleRnn(4));
    assertThat(
            LayerType.named("Bidirectional")
                .orElseThrow()
                .bind(
                    Map.of(
                        "layer", "GRU", "units", 4, "mergeMode", "mul", "returnSequences", true)))
        .isEqualTo(
            Bidirectional.of(Recurrent.gru(4).returnSequences(true)).mergeMode(MergeMode.MUL));
  }

  @Test
  void badInputsAndArguments_areClearErrors() {
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> Recurrent.lstm(4).outputShape(List.of(Shape.of(5, 6, 3))))
                .getMessage())
        .isEqualTo(
            "[NnWrongRank] needs an input of rank 2 (time, features), but the input is"
                + " 5x6x3 (rank 3)");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> Recurrent.gru(4).outputShape(List.of(Shape.of(5, NONE))))
                .getMessage())
        .contains("needs a defined last (channel) dimension");
    assertThat(assertThrows(ShapeException.class, () -> Recurrent.lstm(0)).getMessage())
        .isEqualTo("[NnInvalidArgument] units must be > 0, was 0");
    assertThat(
            assertThrows(ShapeException.class, () -> Recurrent.lstm(4).resetAfter(true))
                .getMessage())
        .isEqualTo("[NnInvalidArgument] resetAfter applies to GRU only, not LSTM");
    assertThat(
            assertThrows(ShapeException.class, () -> Bidirectional.recurrent("Dense", 4))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] unknown recurrent layer 'Dense'; valid:"
                + " SimpleRNN, LSTM, GRU");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> Recurrent.lstm(Integer.MAX_VALUE / 2).outputShape(TIME))
                .getMessage())
        .contains("need weight axes beyond 2147483647");
  }
}
