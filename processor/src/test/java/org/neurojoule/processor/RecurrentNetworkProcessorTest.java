package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Bidirectional;
import org.neurojoule.layer.Recurrent;

/** The recurrent layer annotations, bound to their specs by the processor with nothing else. */
class RecurrentNetworkProcessorTest {
  @Test
  void recurrentAnnotations_buildTheirSpecs() throws Exception {
    Compilation compilation =
        Sources.strictCompiler().compile(Sources.resource("good/test/RecurrentLayers.java"));
    assertThat(compilation).succeededWithoutWarnings();

    Model built =
        (Model) RandomNetworks.load(compilation, "test.Recurrents").getMethod("model").invoke(null);

    assertThat(built.layer("lstm").spec())
        .isEqualTo(
            Recurrent.lstm(8)
                .returnSequences(true)
                .recurrentActivation(Activation.HARD_SIGMOID)
                .name("lstm"));
    assertThat(built.layer("gru").spec())
        .isEqualTo(
            Recurrent.gru(6).resetAfter(false).returnSequences(true).goBackwards(true).name("gru"));
    assertThat(built.layer("both").spec())
        .isEqualTo(
            Bidirectional.of(Recurrent.simpleRnn(4).activation(Activation.RELU).useBias(false))
                .mergeMode(Bidirectional.MergeMode.AVE)
                .name("both"));
    assertThat(built.params(built.layer("gru")).total()).isEqualTo(3 * 6 * (8 + 6 + 1));
    // PyTorch's second bias: 3 * (5 + 3) weights and two biases of 3.
    assertThat(built.layer("rnn").spec())
        .isEqualTo(Recurrent.simpleRnn(3).recurrentBias(true).name("rnn"));
    assertThat(built.params(built.layer("rnn")).total()).isEqualTo(3 * (5 + 3) + 2 * 3);
    assertThat(built.outputs().get(0).shape().toKerasString()).isEqualTo("(None, 4)");
  }
}
