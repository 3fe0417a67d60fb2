package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Accounting;

/** The estimate's warnings reach the log once per model, and never the summary text. */
class WarningsLogTest {
  private final Logger log = Logger.getLogger(ModelEnergy.class.getName());
  private final List<String> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel() == Level.WARNING) {
            logged.add(r.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void capture() {
    log.addHandler(capture);
    log.setUseParentHandlers(false);
  }

  @AfterEach
  void release() {
    log.removeHandler(capture);
    log.setUseParentHandlers(true);
  }

  @Test
  void uncountedLayers_areLoggedWhenEstimated_oncePerModelAndType() {
    Model model = Model.of(GoldenSummaryTest.branch());
    model.energy(e -> e.accounting(Accounting.KERAS_SPIKING));
    assertThat(logged)
        .containsExactly(
            "Cannot compute stats for layer of type 'DepthwiseConv2D'",
            "Cannot compute stats for layer of type 'BatchNormalization'",
            "Cannot compute stats for layer of type 'Concatenate'")
        .inOrder();
    ModelEnergy again = model.energy(e -> e.accounting(Accounting.KERAS_SPIKING));
    assertThat(logged).hasSize(3);
    assertThat(again.warnings()).hasSize(3);
    Model.of(GoldenSummaryTest.branch()).energy(e -> e.accounting(Accounting.KERAS_SPIKING));
    assertThat(logged).hasSize(6);
  }

  @Test
  void logWarningsFalse_keepsThemInWarningsOnly() {
    ModelEnergy e =
        Model.of(GoldenSummaryTest.branch())
            .energy(o -> o.accounting(Accounting.KERAS_SPIKING).logWarnings(false));
    assertThat(logged).isEmpty();
    assertThat(e.warnings()).hasSize(3);
  }

  @Test
  void theSummaryTextIsTheSameWithOrWithoutLogging() {
    Model model = Model.of(GoldenSummaryTest.branch());
    String logging = model.energy(e -> e.accounting(Accounting.KERAS_SPIKING)).summaryString();
    String silent =
        model
            .energy(e -> e.accounting(Accounting.KERAS_SPIKING).logWarnings(false))
            .summaryString();
    assertThat(logging).isEqualTo(silent);
    assertThat(logging).doesNotContain("Cannot compute");
  }

  @Test
  void aChannelsFirstLookingInput_warnsAndNamesTheFix() {
    ModelEnergy e = Model.input(3, 32, 32).conv2d(32, 3).energy();
    String expected =
        "Input 'input_1' has shape (None, 3, 32, 32), which looks channels-first;"
            + " NeuroJoule is channels-last (as Keras by default), so 'conv2d' (Conv2D) reads its last"
            + " axis, 32, as the channels. If the data has 3 channels, declare the input with the"
            + " channels last: Model.input(32, 32, 3).";
    assertThat(e.warnings()).containsExactly(expected);
    assertThat(logged).containsExactly(expected);
  }

  @Test
  void channelsLastInputs_doNotWarn() {
    assertThat(Model.input(32, 32, 3).conv2d(32, 3).energy().warnings()).isEmpty();
    assertThat(Model.input(28, 28, 1).conv2d(2, 7).energy().warnings()).isEmpty();
    assertThat(Model.input(4, 4, 4).conv2d(2, 3).energy().warnings()).isEmpty();
    assertThat(Model.input(3, 32, 32).flatten().dense(4).energy().warnings()).isEmpty();
    assertThat(Model.input(3, 100).conv1d(8, 3).energy().warnings()).isEmpty();
    assertThat(logged).isEmpty();
  }
}
