package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.Delay;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.Scale;
import org.neurojoule.layer.SpikingNeuron;

/** The NIR neuron annotations, through the processor with no code of their own. */
class NeuronProcessorTest {

  @Test
  void annotations_buildTheirSpecs() throws Exception {
    Compilation compilation =
        Sources.strictCompiler().compile(Sources.resource("good/test/NeuronLayers.java"));
    assertThat(compilation).succeededWithoutWarnings();
    Model built =
        (Model)
            RandomNetworks.load(
                    Sources.compile(Sources.resource("good/test/NeuronLayers.java")),
                    "test.Neurons")
                .getMethod("model")
                .invoke(null);

    assertThat(built.layer("pool").spec()).isEqualTo(Pooling.sumPooling2d(2).name("pool"));
    assertThat(built.layer("spikes").spec())
        .isEqualTo(SpikingNeuron.integrateAndFire().vThreshold(0.5).name("spikes"));
    assertThat(built.layer("lif").spec())
        .isEqualTo(SpikingNeuron.lif().tau(0.01, 0.02, 0.03).vLeak(0.1).name("lif"));
    assertThat(built.layer("gain").spec()).isEqualTo(Scale.of().name("gain"));
    assertThat(built.layer("late").spec()).isEqualTo(Delay.of(0.002).name("late"));
    assertThat(built.layer("rec").spec())
        .isEqualTo(SpikingNeuron.cubaLif().tauSyn(0.004).recurrentBias(true).name("rec"));
    assertThat(built.layer("step").spec()).isEqualTo(SpikingNeuron.threshold(0.5).name("step"));
    assertThat(built.layer("readout").spec())
        .isEqualTo(SpikingNeuron.leakyIntegrator().tau(0.05).name("readout"));
    assertThat(built.layer("sum").spec()).isEqualTo(SpikingNeuron.integrator().r(2).name("sum"));
    assertThat(built.layer("cuba").spec())
        .isEqualTo(SpikingNeuron.cubaLeakyIntegrator().wIn(3).name("cuba"));
    // dense 8*3+3, scale 3, recurrent 3*3+3
    assertThat(built.params()).isEqualTo(ParamCount.trainable(27 + 3 + 12));
  }

  @Test
  void badConstant_isACompileErrorNamingTheLayerAndValue() {
    JavaFileObject file = Sources.resource("bad/test/NegativeTau.java");
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnInvalidArgument] layer 1 'lif' lif: tau is a"
                + " time constant in seconds and must be a finite number > 0, was -0.01")
        .inFile(file)
        .onLineContaining("@LIF");
  }

  @Test
  void perUnitValuesNotMatchingTheUnits_isACompileError() {
    JavaFileObject file = Sources.resource("bad/test/ThresholdPerUnit.java");
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("layer 1 'step'");
    assertThat(compilation)
        .hadErrorContaining(
            "has 3 units, but threshold has 2 values; give one" + " for all units or one per unit");
  }
}
