package org.neurojoule.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.neurojoule.EnergyModel;
import org.neurojoule.EnergyOptions;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Reset;
import org.neurojoule.SpikeCounts;
import org.neurojoule.SummaryOptions;
import org.neurojoule.cli.Converters.Format;
import org.neurojoule.keras.KerasModels;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.SpikingNeuron;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of every command that estimates a model: how, and how the result is printed. */
final class EstimateOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--example-data",
      paramLabel = "FILE.npy",
      description =
          "NumPy array of example inputs (batch first) for firing rates; needed for"
              + " spiking devices (loihi, spinnaker, spinnaker2). For a model of spiking neurons"
              + " (a NIR file): sequences (N, T, step...), run by the spiking simulation with --dt.")
  Path exampleData;

  @Option(
      names = "--timesteps",
      paramLabel = "N",
      defaultValue = "1",
      description = "Timesteps per inference on spiking devices (default: ${DEFAULT-VALUE}).")
  int timesteps;

  @Option(
      names = "--dt",
      paramLabel = "SECONDS",
      defaultValue = "0.001",
      description =
          "Length of a timestep on spiking devices, and the spiking simulation's"
              + " timestep (default: ${DEFAULT-VALUE}).")
  double dt;

  @Option(
      names = "--reset",
      paramLabel = "RULE",
      defaultValue = "zero",
      converter = ResetConverter.class,
      description =
          "After a spike in the spiking simulation, the membrane resets to v_reset: zero"
              + " (default, NIR's IF), or loses v_threshold: subtract (Sinabs' IAF).")
  Reset reset;

  @Option(
      names = "--accounting",
      paramLabel = "MODE",
      defaultValue = "complete",
      converter = Converters.AccountingConverter.class,
      description = "complete (default) or keras-spiking (KerasSpiking's published rules).")
  Accounting accounting;

  @Option(
      names = "--energy-model",
      paramLabel = "MODEL",
      defaultValue = "reference",
      converter = Converters.EnergyModelConverter.class,
      description =
          "reference (default: KerasSpiking's energy per synaptic operation and per"
              + " neuron update), mac-ac (a MAC per connection, an AC per spike event) or"
              + " memory-aware (mac-ac plus memory accesses, after Lemaire et al. 2022).")
  EnergyModel energyModel;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = Converters.FormatConverter.class,
      description =
          "text (default), csv or json; csv and json give every figure at full" + " precision.")
  Format format;

  @Option(
      names = "--allow-unknown",
      description =
          "For model files: unsupported layers become zero-cost layers, with a"
              + " warning, instead of an error.")
  boolean allowUnknown;

  @Option(
      names = "--input-shape",
      paramLabel = "[NAME=]DIMS",
      converter = Converters.InputShapeConverter.class,
      description =
          "For model files saved with undefined input dimensions: the input's shape"
              + " without the batch, such as 64,64,3 (-1 keeps the file's dimension); for a model"
              + " with several inputs, repeat as NAME=64,64,3 per input layer.")
  List<Converters.InputShape> inputShapes = new ArrayList<>();

  @Option(
      names = "--devices",
      paramLabel = "FILE",
      description =
          "Also register the devices of a device file, so columns can name them:"
              + " JSON (the format devices --format json prints), or properties lines such as"
              + " mychip.energy_per_synop_j = 1e-12 in a file named *.properties.")
  Path devicesFile;

  @Option(
      names = {"-q", "--quiet"},
      description = "Do not print the library's warnings.")
  boolean quiet;

  @Option(names = "--verbose", description = "Print the stack trace of an error.")
  boolean verbose;

  /**
   * Refuses timesteps and dt the estimate cannot use, as usage errors naming the option, then
   * registers the devices of {@code --devices}, so that columns may name them.
   */
  void check() {
    if (timesteps < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--timesteps': must be at least 1, was " + timesteps);
    }
    if (!(dt > 0 && dt <= SummaryOptions.MAX_DT)) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--dt': must be"
              + " a number of seconds > 0 and at most "
              + SummaryOptions.MAX_DT
              + ", was "
              + dt);
    }
    long unnamed = inputShapes.stream().filter(s -> s.name().isEmpty()).count();
    Set<String> names = new HashSet<>();
    boolean repeated =
        !inputShapes.stream()
            .filter(s -> s.name().isPresent())
            .allMatch(s -> names.add(s.name().get()));
    if (unnamed > 1 || (unnamed == 1 && inputShapes.size() > 1) || repeated) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option"
              + " '--input-shape': give one shape for a model's only input, or NAME=DIMS once for"
              + " each input named");
    }
    if (devicesFile != null) {
      ModelEnergy.loadDevices(devicesFile);
    }
  }

  /**
   * Refuses a column of a spiking device without {@code --example-data}, saying to give it, and a
   * MAC or memory column without {@code --energy-model} (the library's own messages show the Java
   * call). Other columns are left to the library.
   *
   * @param column a column name such as {@code energy loihi}
   */
  void checkDeviceColumn(String column) {
    String[] parts = column.trim().split("\\s+", 2);
    String kind = parts[0].toLowerCase(java.util.Locale.ROOT);
    if (energyModel == EnergyModel.REFERENCE
        && (kind.equals("mac_energy") || kind.equals("memory_energy"))) {
      throw new IllegalArgumentException(
          "column '"
              + column
              + "' needs --energy-model mac-ac"
              + " or memory-aware; the reference model counts neither MACs nor memory");
    }
    if (exampleData != null
        || parts.length < 2
        || !ModelEnergy.devices().stream().anyMatch(d -> d.equalsIgnoreCase(parts[1]))) {
      return;
    }
    if (ModelEnergy.device(parts[1]).spiking()) {
      throw new IllegalArgumentException(
          "column '"
              + column
              + "': device '"
              + parts[1]
              + "' is spiking, so its energy depends on firing rates; give --example-data FILE.npy");
    }
  }

  /**
   * {@return the estimate of the model {@code model} names, with these options}
   *
   * @param model a bundled name or a model file
   */
  ModelEnergy estimate(String model) {
    Model m = ModelSource.load(model, importOptions(), !inputShapes.isEmpty(), onnxOptions());
    ExampleData data = exampleData == null ? null : ExampleData.fromNpy(exampleData);
    // A model of spiking neurons (NIR's) is simulated: its example data are sequences.
    boolean simulate =
        data != null && m.layers().stream().anyMatch(l -> l.spec() instanceof SpikingNeuron);
    return m.energy(
        e -> {
          EnergyOptions o = e.accounting(accounting).energyModel(energyModel);
          o = data == null ? o : o.exampleData(data);
          return simulate ? o.simulate(dt).reset(reset) : o;
        });
  }

  /** {@return the import options of model files: --allow-unknown and --input-shape} */
  UnaryOperator<KerasModels.Options> importOptions() {
    return o -> {
      KerasModels.Options with = o.allowUnknown(allowUnknown);
      if (inputShapes.size() == 1 && inputShapes.get(0).name().isEmpty()) {
        return with.inputShape(inputShapes.get(0).dims());
      }
      Map<String, int[]> byName = new LinkedHashMap<>();
      inputShapes.forEach(s -> byName.put(s.name().get(), s.dims()));
      return byName.isEmpty() ? with : with.inputShapes(byName);
    };
  }

  /** {@return the import options of ONNX files: --allow-unknown and an unnamed --input-shape} */
  UnaryOperator<org.neurojoule.onnx.OnnxModels.Options> onnxOptions() {
    return o -> {
      org.neurojoule.onnx.OnnxModels.Options with = o.allowUnknown(allowUnknown);
      if (inputShapes.size() == 1 && inputShapes.get(0).name().isEmpty()) {
        return with.inputShape(inputShapes.get(0).dims());
      }
      return with;
    };
  }

  /** {@return the timesteps and dt, applied to summary options} */
  UnaryOperator<SummaryOptions> timing() {
    return o -> o.timestepsPerInference(timesteps).dt(dt);
  }

  /**
   * {@return the timesteps and dt for {@code energy}: a simulated model's rate-based estimate takes
   * the sequences' T unless {@code --timesteps} says otherwise}
   *
   * @param energy the estimate
   */
  UnaryOperator<SummaryOptions> timing(ModelEnergy energy) {
    boolean given =
        spec.commandLine().getParseResult() != null
            && spec.commandLine().getParseResult().hasMatchedOption("--timesteps");
    int steps =
        energy
            .spikeCounts()
            .filter(c -> !given && c.timesteps() > 0)
            .map(SpikeCounts::timesteps)
            .orElse(timesteps);
    return o -> o.timestepsPerInference(steps).dt(dt);
  }
}
