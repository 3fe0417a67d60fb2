package org.neurojoule.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.neurojoule.EnergyModel;
import org.neurojoule.EnergyOptions;
import org.neurojoule.ExampleData;
import org.neurojoule.Integration;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Reset;
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
      split = ",",
      description =
          "NumPy array of example inputs (batch first) for firing rates; needed for"
              + " spiking devices (loihi, spinnaker, spinnaker2). For a model of spiking neurons"
              + " (a NIR file): sequences (N, T, step...), run by the spiking simulation with --dt."
              + " For compare, one file for every model, one per model in order (A.npy,B.npy), or"
              + " MODEL=FILE.npy for the model MODEL.")
  List<String> exampleData = new ArrayList<>();

  @Option(
      names = "--data-layout",
      paramLabel = "LAYOUT",
      defaultValue = "nhwc",
      converter = EstimateOptions.DataLayoutConverter.class,
      description =
          "The layout of --example-data: nhwc (default; channels last, as the model) or nchw"
              + " (PyTorch's channels first, transposed to channels last).")
  DataLayout dataLayout;

  @Option(
      names = "--timesteps",
      paramLabel = "N",
      description =
          "Timesteps per inference on spiking devices (default: the length T of the example"
              + " sequences for a simulated model of spiking neurons, else 1).")
  Integer timesteps;

  @Option(
      names = "--dt",
      paramLabel = "SECONDS",
      defaultValue = "0.001",
      description =
          "Length of a timestep on spiking devices, and the spiking simulation's"
              + " timestep (default: ${DEFAULT-VALUE}).")
  double dt;

  @Option(
      names = "--integration",
      paramLabel = "METHOD",
      defaultValue = "euler",
      converter = EstimateOptions.IntegrationConverter.class,
      description =
          "For a NIR graph: how the spiking simulation steps its leaky neurons over --dt:"
              + " euler (default; as snnTorch and Norse, needs a dt no longer than any tau) or"
              + " exact (exp(-dt/tau) decay, as Rockpool and Lava; any dt).")
  Integration integration;

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
              + " memory-aware (mac-ac plus memory accesses, after Lemaire et al. 2022) or"
              + " calibrated (a measured device's fitted terms, see neurojoule validate).")
  EnergyModel energyModel;

  @Option(
      names = "--inference-batch",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Inferences the device runs at once (default 1): the calibrated energy model spreads"
              + " its per-batch overhead over them.")
  int inferenceBatch;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = Converters.FormatConverter.class,
      description =
          "text (default), csv or json, which give every figure at full precision, or"
              + " markdown or latex: the table for a paper.")
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
      names = "--weights",
      paramLabel = "FILE.h5",
      description =
          "For a Keras architecture JSON: the weights-only .h5 file (save_weights) to read"
              + " onto it. Without it the JSON's layers get initial weights, and firing rates on"
              + " them are made up (with a warning).")
  Path weights;

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
    if (timesteps != null && timesteps < 1) {
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
    // A calibrated device's terms charge connections, not measured rates: no data needed.
    if (!exampleData.isEmpty()
        || energyModel == EnergyModel.CALIBRATED
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
    if (exampleData.size() > 1) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--example-data': give one file for one model, was "
              + String.join(",", exampleData));
    }
    return estimate(model, exampleData.stream().findFirst().map(Path::of));
  }

  /**
   * {@return the estimate of the model {@code model} names, with these options and {@code
   * exampleData} for its firing rates}
   *
   * @param model a bundled name or a model file
   * @param exampleData the example data of this model, if any
   */
  ModelEnergy estimate(String model, Optional<Path> exampleData) {
    Model m =
        ModelSource.load(
            model,
            importOptions(),
            !inputShapes.isEmpty(),
            onnxOptions(),
            o -> o.integration(integration));
    ExampleData data = exampleData.map(this::readExampleData).orElse(null);
    // A model of spiking neurons (NIR's) is simulated: its example data are sequences.
    boolean simulate =
        data != null && m.layers().stream().anyMatch(l -> l.spec() instanceof SpikingNeuron);
    return m.energy(
        e -> {
          EnergyOptions o =
              e.accounting(accounting).energyModel(energyModel).inferenceBatch(inferenceBatch);
          o = data == null ? o : o.exampleData(data);
          return simulate ? o.simulate(dt).reset(reset) : o;
        });
  }

  /**
   * {@return the example data in {@code file}, transposed to channels last if --data-layout nchw}
   */
  private ExampleData readExampleData(Path file) {
    ExampleData data = ExampleData.fromNpy(file);
    return dataLayout == DataLayout.NCHW ? data.channelsFirstToLast() : data;
  }

  /** {@return the import options of Keras files: --allow-unknown, --input-shape, --weights} */
  UnaryOperator<KerasModels.Options> importOptions() {
    return o -> {
      KerasModels.Options with = o.allowUnknown(allowUnknown);
      with = weights == null ? with : with.weights(weights);
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

  /**
   * {@return the timesteps and dt, applied to summary options: without {@code --timesteps}, the
   * library's rule ({@link SummaryOptions#SEQUENCE_TIMESTEPS})}
   */
  UnaryOperator<SummaryOptions> timing() {
    return o -> (timesteps == null ? o : o.timestepsPerInference(timesteps)).dt(dt);
  }

  /** {@code euler} or {@code exact}, ignoring case. */
  static final class IntegrationConverter
      implements picocli.CommandLine.ITypeConverter<Integration> {
    @Override
    public Integration convert(String value) {
      for (Integration i : Integration.values()) {
        if (i.name().equalsIgnoreCase(value)) {
          return i;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not an integration method; use euler or exact");
    }
  }

  /** The layout of example data: channels last (the model's) or first (PyTorch's). */
  enum DataLayout {
    NHWC,
    NCHW
  }

  /** {@code nhwc} or {@code nchw}, ignoring case. */
  static final class DataLayoutConverter implements picocli.CommandLine.ITypeConverter<DataLayout> {
    @Override
    public DataLayout convert(String value) {
      for (DataLayout l : DataLayout.values()) {
        if (l.name().equalsIgnoreCase(value)) {
          return l;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not a data layout; use nhwc or nchw");
    }
  }
}
