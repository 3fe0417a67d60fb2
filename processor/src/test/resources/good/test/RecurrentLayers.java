package test;

import static org.neurojoule.layer.Activation.HARD_SIGMOID;
import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.Bidirectional;
import org.neurojoule.annotation.GRU;
import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.LSTM;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;
import org.neurojoule.annotation.SimpleRNN;

/** Every recurrent layer annotation, with non-default attributes. */
@Network(name = "Recurrents")
final class RecurrentLayers {
  @Input({NONE, 5}) NetworkLayer series;
  @LSTM(units = 8, returnSequences = true, recurrentActivation = HARD_SIGMOID) NetworkLayer lstm;
  @GRU(units = 6, resetAfter = false, returnSequences = true, goBackwards = true) NetworkLayer gru;
  @Bidirectional(layer = "SimpleRNN", units = 4, mergeMode = "ave", activation = RELU,
      useBias = false) NetworkLayer both;
  @SimpleRNN(units = 3, from = "series", recurrentBias = true) NetworkLayer rnn;
}
