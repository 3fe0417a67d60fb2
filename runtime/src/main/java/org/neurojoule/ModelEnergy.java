package org.neurojoule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.neurojoule.device.Device;
import org.neurojoule.device.DeviceFile;
import org.neurojoule.device.DeviceInfo;
import org.neurojoule.device.DeviceRegistry;
import org.neurojoule.device.OperationCosts;
import org.neurojoule.energy.Column;
import org.neurojoule.energy.PythonFormat;
import org.neurojoule.energy.SummaryText;
import org.neurojoule.energy.TableLayout;
import org.neurojoule.engine.FiringRates;
import org.neurojoule.engine.SpikingSimulation;
import org.neurojoule.engine.ZeroCounts;
import org.neurojoule.layer.InputLayer;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.Layers;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.shape.Shape;

/**
 * The energy estimate of a model: per-layer statistics, firing rates and energy on any registered
 * device, printed as KerasSpiking's {@code ModelEnergy} prints them.
 *
 * <p>Get one with {@code model.energy()} or {@code model.energy(e -> e.exampleData(data))}. All
 * statistics are computed when it is created, so a model whose statistics cannot be computed (an
 * undefined dimension) fails there, naming the layer.
 *
 * <h2>Assumptions</h2>
 *
 * <p>The warnings of every summary start with "These are estimates only; see the documentation
 * of ModelEnergy for a list of the assumptions being made". These are they. The figures are
 * rough: real consumption depends on the software and hardware that run the network far more than
 * on anything counted here.
 *
 * <ul>
 *   <li><b>Published device figures.</b> Each device is two numbers, joules per synaptic operation
 *       and joules per neuron update, taken from the literature: Degnan, Marr and Hasler, IEEE
 *       TVLSI 24(1), 2015 for {@code cpu}, {@code gpu} and {@code arm}; Davies et al., IEEE Micro
 *       38(1), 2018 for {@code loihi}; H&ouml;ppner et al., IEEE TCAS-I 66(8), 2019 for {@code
 *       spinnaker} and {@code spinnaker2}. A real chip, compiler or workload can differ from them
 *       by a large factor; {@link #registerDevice} replaces or adds figures.
 *   <li><b>Only the model's arithmetic.</b> Energy is synaptic operations plus neuron updates.
 *       Moving data on and off the device, memory traffic, the host, static or idle power and any
 *       other overhead are not counted, although they often dominate in practice.
 *   <li><b>Connections are synaptic operations.</b> A connection joins an input unit to an output
 *       unit whose value it can change (convolutions: output size &times; kernel volume &times;
 *       input channels; dense layers: inputs &times; units per position). Each costs one synaptic
 *       operation per timestep; bias additions, pooling comparisons and softmax normalization cost
 *       nothing.
 *   <li><b>Neurons are non-linear units.</b> A neuron update is counted for each output unit of an
 *       activation layer, or of a layer with a non-linear {@code activation}; a linear activation
 *       has none.
 *   <li><b>Non-spiking devices run an ordinary network.</b> Each connection and neuron works once
 *       per inference; timesteps, {@code dt} and firing rates do not change the figure.
 *   <li><b>Spiking devices only pay for spikes.</b> An inference lasts {@code
 *       timestepsPerInference} steps of {@code dt} seconds (1 and 0.001 s unless set). Synaptic
 *       energy = energy per operation &times; connections &times; firing rate &times; {@code dt}
 *       &times; timesteps, so it grows with how often inputs spike; neuron energy = energy per
 *       update &times; neurons &times; timesteps, as every neuron updates on every step.
 *   <li><b>Firing rates from example data.</b> A layer's rate is the mean absolute value of its
 *       input over the example data, as if a unit's activation were its spike rate in hertz. It
 *       needs example data; without it rates are NaN and a spiking device is an error.
 *   <li><b>Non-spiking activations are converted.</b> On a spiking device a model is assumed to run
 *       fully spiking, even where it declares ordinary activations such as {@code relu}: they are
 *       taken to become spiking equivalents (the summary warns). Such a conversion is not free in
 *       practice and changes the energy; {@code spikingActivation(...)} makes it explicit.
 *   <li><b>One pass is one timestep.</b> A model without a time axis is taken to be what the
 *       device computes on each timestep. A leading undefined dimension is time and is not
 *       counted; {@code timeDistributed(x)} counts {@code x} on one timestep.
 *   <li><b>Batch normalization is folded.</b> It is assumed merged into the preceding layer's
 *       weights at deployment, so it counts zero; so does max pooling (comparisons only).
 *   <li><b>One energy model by default.</b> These rules are {@link EnergyModel#REFERENCE}'s.
 *       {@link EnergyModel#MAC_AC} charges multiply-accumulates and accumulates instead, and
 *       {@link EnergyModel#MEMORY_AWARE} adds memory accesses after Lemaire et al. (ICONIP 2022);
 *       choose one with {@code e -> e.energyModel(...)} or per call with {@code o ->
 *       o.energyModel(...)}.
 *   <li><b>Two accounting modes.</b> {@link Accounting#KERAS_SPIKING} applies the reference's rules
 *       exactly and reproduces its published figures: layers it has no rule for (depthwise and
 *       separable convolutions, average pooling, custom layers) count zero, with a warning.
 *       {@link Accounting#COMPLETE}, the default, also counts the multiplications of depthwise and
 *       separable convolutions and the additions of average and global average pooling; the
 *       summary says when the two modes differ.
 * </ul>
 */
public final class ModelEnergy {
  private static final DeviceRegistry DEVICES = DeviceRegistry.withBuiltIns();
  private static final Map<String, LayerStatsRule> LAYER_RULES = new ConcurrentHashMap<>();
  private static final System.Logger LOG = System.getLogger(ModelEnergy.class.getName());

  static final String ESTIMATES_WARNING =
      "* These are estimates only; see the documentation of ModelEnergy for a list of the"
          + " assumptions being made.";
  static final String NON_SPIKING_WARNING =
      "* This model contains non-spiking activations that would not actually behave in the manner"
          + " we assume in these calculations; we assume these layers will be converted to"
          + " spiking equivalents. Consider using `spikingActivation(...)` to make this"
          + " conversion explicit.";

  /** One summary row: a layer with everything the columns show. */
  private record Row(
      String name,
      String type,
      String outputShape,
      ParamCount params,
      LayerStats stats,
      boolean beyondReference,
      double rate,
      java.util.function.Supplier<LayerActivity> activity) {}

  private final Model model;
  private final EnergyOptions options;
  private final Map<String, Row> rows;
  private final List<String> warnings;
  private final Set<String> typesBeyondReference;
  /** What the energy models beyond the reference's read of each layer, by layer name. */
  private final Map<String, LayerFacts> facts;
  /** What the spiking simulation counted, when it ran. */
  private final Optional<SpikeCounts> spikeCounts;

  private static Optional<SpikingSimulation.Result> simulate(Model model, EnergyOptions o) {
    if (o.simulationDt().isEmpty()) {
      return Optional.empty();
    }
    ExampleData data = o.exampleData().orElseThrow(() -> new IllegalArgumentException(
        "the spiking simulation (simulate(dt)) needs example data: sequences (N, T, step...),"
            + " as in e -> e.exampleData(ExampleData.fromNpy(path)).simulate(0.001)"));
    return Optional.of(SpikingSimulation.simulate(model, data, o.simulationDt().getAsDouble(),
        o.reset(), o.batchSize(), o.accounting()));
  }

  /**
   * {@return the spikes and synaptic events the spiking simulation counted per layer and
   * inference, when the estimate ran it ({@link EnergyOptions#simulate(double)}); else empty}
   */
  public Optional<SpikeCounts> spikeCounts() {
    return spikeCounts;
  }

  ModelEnergy(Model model, EnergyOptions options) {
    this.model = Objects.requireNonNull(model, "model == null");
    this.options = Objects.requireNonNull(options, "options == null");
    Set<String> uncounted = new LinkedHashSet<>();
    Set<String> beyond = new LinkedHashSet<>();
    Optional<SpikingSimulation.Result> simulated = simulate(model, options);
    this.spikeCounts = simulated.map(SpikingSimulation.Result::counts);
    Optional<FiringRates.Measurement> measured = simulated.isPresent() ? Optional.empty()
        : options.exampleData().map(data -> FiringRates.measure(model, model.preparedPasses(),
            model.weightsVersion(), data, options));
    Map<Layer, Double> rates = simulated.map(SpikingSimulation.Result::rates)
        .or(() -> measured.map(FiringRates.Measurement::rates)).orElse(Map.of());
    Map<Layer, ZeroCounts> zeros = measured.map(FiringRates.Measurement::zeros).orElse(Map.of());
    Map<String, Row> table = new LinkedHashMap<>();
    Map<String, LayerFacts> layerFacts = new LinkedHashMap<>();
    for (Layer layer : model.layers()) {
      layerFacts.put(model.nameOf(layer), LayerFacts.of(model, layer));
      Optional<LayerStats> stats = stats(layer, options.accounting());
      if (stats.isEmpty()) {
        uncounted.add(Layers.statsType(layer.spec()));
      }
      // A layer the reference cannot count counts as zero there, so only real counts differ.
      boolean differs = options.accounting() != Accounting.KERAS_SPIKING
          && !stats.orElse(LayerStats.NONE)
              .equals(stats(layer, Accounting.KERAS_SPIKING).orElse(LayerStats.NONE));
      if (differs) {
        beyond.add(Layers.statsType(layer.spec()));
      }
      String name = model.nameOf(layer);
      LayerStats counted = stats.orElse(LayerStats.NONE);
      table.put(name, new Row(name, layer.type(), model.printedShape(layer), model.params(layer),
          counted, differs, rates.getOrDefault(layer, Double.NaN),
          ActivityMetrics.lazy(model, layer, counted, model.params(layer).total(),
              zeros.getOrDefault(layer, ZeroCounts.NONE))));
    }
    this.rows = Collections.unmodifiableMap(table);
    this.facts = Collections.unmodifiableMap(layerFacts);
    List<String> notes = new ArrayList<>();
    uncounted.forEach(t -> notes.add("Cannot compute stats for layer of type '" + t + "'"));
    notes.addAll(LayoutWarnings.of(model));
    this.warnings = List.copyOf(notes);
    if (options.logWarnings()) {
      // As the reference's Python warnings: on stderr (System.Logger's default) when the
      // estimate is made, each once per model; the summary text stays the reference's.
      for (String warning : warnings) {
        if (model.firstTimeWarned(warning)) {
          LOG.log(System.Logger.Level.WARNING, warning);
        }
      }
    }
    this.typesBeyondReference = Collections.unmodifiableSet(beyond);
  }

  // ---- devices and layer rules (shared by all estimates) ----

  /**
   * Registers a device, or replaces one of the same name (with a logged warning), so that columns
   * such as {@code "energy <name>"} can use it.
   *
   * @param name the device name, ignoring case
   * @param energyPerSynop joules per synaptic operation
   * @param energyPerNeuron joules per neuron update
   * @param spiking whether synaptic operations happen only on input spikes
   * 
   */
  public static void registerDevice(
      String name, double energyPerSynop, double energyPerNeuron, boolean spiking) {
    Device device = new Device(name, energyPerSynop, energyPerNeuron, spiking);
    register(device, DeviceInfo.citing(device.source()));
  }

  /**
   * Registers every device of a JSON device file, replacing any of the same name (with a logged
   * warning, as {@link #registerDevice}). The file is {@code {"devices": [{"device": "mine",
   * "energy_per_synop_j": 1e-12, "energy_per_neuron_j": 2e-12, "spiking": true, "node": "22 nm",
   * "kind": "measured", "counts": "...", "source": "..."}]}}: the first four keys are required,
   * the others optional. Nothing is registered unless every entry is valid.
   *
   * @param file the device file
   * @return the names of the devices it registered, in file order
   * @throws IllegalArgumentException if the file is missing or malformed, or an entry is bad:
   *     naming the file, the line and the entry
   */
  public static List<String> loadDevices(Path file) {
    List<String> names = new ArrayList<>();
    for (DeviceFile.Entry e : DeviceFile.read(file)) {
      register(e.device(), e.info(), e.costs());
      names.add(e.device().name());
    }
    return List.copyOf(names);
  }

  private static void register(Device device, DeviceInfo info) {
    register(device, info, OperationCosts.defaultsFor(device));
  }

  private static void register(Device device, DeviceInfo info, OperationCosts costs) {
    DEVICES.register(device, info, costs).ifPresent(old -> LOG.log(System.Logger.Level.WARNING,
        "Device ''{0}'' already registered; overwriting it ({1} -> {2})", device.name(), old,
        device));
  }

  /** {@return the names of the registered devices, built-in ones first, then the catalogue's} */
  public static List<String> devices() {
    return DEVICES.names();
  }

  /**
   * {@return the devices a comparison covers unless told which: the built-in ones and those
   * registered by the user, not the catalogue's (which are many, and named when wanted)}
   */
  static List<String> defaultDevices() {
    return DEVICES.namesBeyondCatalogue();
  }

  /**
   * {@return the device named {@code name}, ignoring case}
   *
   * @param name the device name, ignoring case
   * @throws IllegalArgumentException if there is none, listing the known devices
   * 
   */
  public static Device device(String name) {
    return DEVICES.get(name);
  }

  /**
   * {@return what the figures of the device named {@code name} count, its process node, how they
   * were obtained and their full citation; empty texts where a device does not say}
   *
   * @param name the device name, ignoring case
   * @throws IllegalArgumentException if there is none, listing the known devices
   */
  public static DeviceInfo deviceInfo(String name) {
    return DEVICES.info(name);
  }

  /**
   * {@return the MAC, AC and memory figures that {@link EnergyModel#MAC_AC} and {@link
   * EnergyModel#MEMORY_AWARE} charge on the device named {@code name}: its own where its device
   * file gives them, else MAC = AC = its energy per synaptic operation, Horowitz's 45 nm memories
   * and 32-bit data}
   *
   * @param name the device name, ignoring case
   * @throws IllegalArgumentException if there is none, listing the known devices
   */
  public static OperationCosts deviceCosts(String name) {
    return DEVICES.costs(name);
  }

  /**
   * Uses {@code rule} for the statistics of every layer whose Keras type is {@code type}, such as
   * a {@link org.neurojoule.layer.CustomLayer}'s type, in both accounting modes.
   *
   * @param type the Keras layer type, such as {@code MyLayer}
   * @param rule computes the statistics of one application
   */
  public static void registerLayer(String type, LayerStatsRule rule) {
    Objects.requireNonNull(type, "type == null");
    LAYER_RULES.put(type, Objects.requireNonNull(rule, "rule == null"));
  }

  /**
   * Removes a rule registered with {@link #registerLayer}; built-in rules apply again.
   *
   * @param type the Keras layer type, such as {@code MyLayer}
   */
  public static void unregisterLayer(String type) {
    Objects.requireNonNull(type, "type == null");
    LAYER_RULES.remove(type);
  }

  // ---- per-layer figures ----

  /** {@return the model estimated} */
  public Model model() {
    return model;
  }

  /** {@return how it was estimated} */
  public EnergyOptions options() {
    return options;
  }

  /**
   * {@return the statistics of a layer: connections, neurons and whether it spikes, summed over the
   * layer's applications}
   *
   * @param layerName the layer's name in the model
   * @throws IllegalArgumentException if there is no such layer
   * 
   */
  public LayerStats layerStats(String layerName) {
    return row(layerName).stats();
  }

  /**
   * {@return the energy of a layer for one inference on {@code device}, one timestep of 0.001 s}
   *
   * @param layerName the layer's name in the model
   * @param device the device name, ignoring case
   */
  public LayerEnergy layerEnergy(String layerName, String device) {
    return layerEnergy(layerName, device, UnaryOperator.identity());
  }

  /**
   * {@return the energy of a layer for one inference on {@code device}, with the timesteps and dt
   * of {@code configure}}
   *
   * @param layerName the layer's name in the model
   * @param device the device name, ignoring case
   * @param configure sets summary options such as timesteps per inference and dt
   * @throws IllegalStateException for a spiking device without example data
   * 
   */
  public LayerEnergy layerEnergy(
      String layerName, String device, UnaryOperator<SummaryOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    SummaryOptions o = configure.apply(SummaryOptions.DEFAULTS);
    return energy(row(layerName), requireRates(DEVICES.get(device)), o);
  }

  /**
   * {@return the energy of the whole model for one inference on {@code device}, in joules}
   *
   * @param device the device name, ignoring case
   */
  public double totalEnergy(String device) {
    return totalEnergy(device, UnaryOperator.identity());
  }

  /**
   * {@return the energy of the whole model for one inference, with {@code o ->
   * o.timestepsPerInference(10)}}
   *
   * @param device the device name, ignoring case
   * @param configure sets summary options such as timesteps per inference and dt
   */
  public double totalEnergy(String device, UnaryOperator<SummaryOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    SummaryOptions o = configure.apply(SummaryOptions.DEFAULTS);
    Device d = requireRates(DEVICES.get(device));
    return totalEnergy(d, o);
  }

  /**
   * {@return each layer's firing rate (mean absolute input), in layer order; NaN without example
   * data}
   */
  public Map<String, Double> rates() {
    Map<String, Double> out = new LinkedHashMap<>();
    rows.values().forEach(r -> out.put(r.name(), r.rate()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * {@return the activity metrics of a layer: activation and weight sparsity, footprint, dense
   * and effective operations} See {@link LayerActivity}.
   *
   * @param layerName the layer's name in the model
   * @throws IllegalArgumentException if there is no such layer
   */
  public LayerActivity activity(String layerName) {
    return row(layerName).activity().get();
  }

  /** {@return the activity metrics of every layer and the model's totals} */
  public ModelActivity activity() {
    return ActivityMetrics.of(rows.values().stream().map(Row::activity).toList());
  }

  /**
   * {@return what the estimate warns about}: layers it cannot count ({@code Cannot compute stats for layer of
   * type 'X'}, counted as zero, as the reference does) and inputs that look channels-first. They
   * are logged through {@link System.Logger} (logger {@code org.neurojoule.ModelEnergy}, level
   * WARNING; on standard error by default) once per model when the estimate is made, unless
   * {@link EnergyOptions#logWarnings(boolean) logWarnings(false)}; summaries never print them.
   */
  public List<String> warnings() {
    return warnings;
  }

  // ---- the summary ----

  /** Prints the default summary to standard output. */
  public void summary() {
    System.out.print(summaryString());
  }

  /**
   * Prints the summary, configured, to standard output.
   *
   * @param configure sets summary options such as timesteps per inference and dt
   */
  public void summary(UnaryOperator<SummaryOptions> configure) {
    System.out.print(summaryString(configure));
  }

  /**
   * {@return the default summary: name, output shape, parameters, connections, neurons, cpu energy}
   */
  public String summaryString() {
    return summaryString(UnaryOperator.identity());
  }

  /**
   * {@return the summary table, configured: {@code o -> o.columns("name", "energy
   * loihi").dt(0.002)}}
   *
   * @param configure sets summary options such as timesteps per inference and dt
   * @throws IllegalArgumentException for an unknown column or device, listing the valid ones
   * @throws IllegalStateException for a spiking device without example data
   * 
   */
  public String summaryString(UnaryOperator<SummaryOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    SummaryOptions o = configure.apply(SummaryOptions.DEFAULTS);
    List<Column> columns = o.columns().stream().map(c -> Column.parse(c, DEVICES)).toList();
    columns.forEach(c -> c.device().ifPresent(this::requireRates));
    columns.forEach(c -> requireModel(c, o));
    List<String> headers = columns.stream().map(Column::header).toList();
    List<Boolean> left = columns.stream().map(c -> c.kind() == Column.Kind.NAME).toList();
    List<Boolean> numeric = columns.stream()
        .map(c -> c.kind() != Column.Kind.NAME && c.kind() != Column.Kind.OUTPUT_SHAPE).toList();
    List<List<String>> cells = new ArrayList<>();
    for (Row row : rows.values()) {
      cells.add(columns.stream().map(c -> cell(row, c, o)).toList());
    }
    List<Column> energyColumns =
        columns.stream().filter(c -> c.kind() == Column.Kind.ENERGY).toList();
    List<String> totals = new ArrayList<>();
    for (Column c : energyColumns) {
      double total = 0;
      for (Row row : rows.values()) {
        total += energy(row, c.device().orElseThrow(), o).total();
      }
      totals.add("Total energy per inference [Joules/inf] (" + c.device().orElseThrow().name()
          + "): " + PythonFormat.e2(total));
    }
    for (Column c : columns.stream().filter(c -> c.kind() == Column.Kind.SIM_ENERGY).toList()) {
      double total = 0;
      for (Row row : rows.values()) {
        total += simulatedEnergy(row, c.device().orElseThrow());
      }
      totals.add("Total simulated energy per inference [Joules/inf] ("
          + c.device().orElseThrow().name() + "): " + PythonFormat.e2(total));
    }
    List<String> notes = new ArrayList<>();
    if (o.printWarnings() && !energyColumns.isEmpty()) {
      // As in the reference, only total-energy columns count as showing a device.
      notes.addAll(notes(
          energyColumns.stream().anyMatch(c -> c.device().map(Device::spiking).orElse(false))));
    }
    if (energyModel(o) != EnergyModel.REFERENCE
        && columns.stream().anyMatch(c -> c.device().isPresent())) {
      notes.add(energyModelNote(energyModel(o)));
    }
    int lineLength = o.lineLength() == SummaryOptions.AUTO
        ? TableLayout.naturalWidth(headers, cells)
        : o.lineLength();
    int wrap = o.lineLength() == SummaryOptions.AUTO
        ? Math.max(lineLength, SummaryOptions.DEFAULTS.lineLength())
        : lineLength;
    return SummaryText.render(headers, cells, left, numeric, totals, notes, lineLength, wrap);
  }

  /**
   * {@return the notes under a summary that shows an energy column}
   *
   * @param spikingShown whether a spiking device is shown
   */
  List<String> notes(boolean spikingShown) {
    List<String> notes = new ArrayList<>();
    notes.add(ESTIMATES_WARNING);
    if (spikingShown && rows.values().stream().anyMatch(r -> !r.stats().spiking())) {
      notes.add(NON_SPIKING_WARNING);
    }
    if (!typesBeyondReference.isEmpty()) {
      notes.add("* Counted beyond KerasSpiking (Accounting.COMPLETE): "
          + String.join(", ", typesBeyondReference) + "; to reproduce its figures, use"
          + " energy(e -> e.accounting(Accounting.KERAS_SPIKING)).");
    }
    model.paramNotes().forEach(n -> notes.add("* " + n));
    return notes;
  }

  // ---- the report ----

  /**
   * {@return the HTML report of the default summary's columns, the cpu chart on a linear scale}
   * See {@link #report(UnaryOperator)}.
   */
  public Report report() {
    return report(UnaryOperator.identity());
  }

  /**
   * {@return the HTML report, configured: {@code o -> o.columns("name", "energy cpu", "energy
   * gpu").devices("cpu", "gpu").scale(ReportOptions.Scale.LOG)}} One self-contained XHTML page:
   * the model's overview, a chart of energy per layer for each chosen device, synaptic versus
   * neuron energy, the summary's table with every figure at full precision in its tooltip, the
   * firing rates when example data was given, and the notes. {@link Report#writeHtml} writes it.
   *
   * @param configure sets the columns, devices, scale, timesteps per inference and dt
   * @throws IllegalArgumentException for an unknown column or device, listing the valid ones
   * @throws IllegalStateException for a spiking device without example data
   */
  public Report report(UnaryOperator<ReportOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    return ModelReport.of(this, configure.apply(ReportOptions.DEFAULTS));
  }

  /** {@return the column named {@code name}, its device checked to be estimable} */
  Column column(String name) {
    Column c = Column.parse(name, DEVICES);
    c.device().ifPresent(this::requireRates);
    return c;
  }

  /** {@return the energy model of a call: its options', else the estimate's} */
  EnergyModel energyModel(SummaryOptions o) {
    return o.energyModel().orElse(options.energyModel());
  }

  /** {@return the note under a summary counted with {@code model}, never the reference} */
  static String energyModelNote(EnergyModel model) {
    return "* Energy model " + model + ": " + (model == EnergyModel.MAC_AC
        ? "one MAC per connection, one AC per synaptic event of event-driven layers, and the"
            + " device's figure per neuron update (see EnergyModel)."
        : "MAC/AC operations plus weight, bias, input, output and potential memory accesses"
            + " by memory size, and event addressing, after Lemaire et al., ICONIP 2022 (see"
            + " EnergyModel).");
  }

  /** {@return whether {@code model} needs firing rates even on a non-spiking device} */
  private boolean needsRates(EnergyModel model) {
    return model != EnergyModel.REFERENCE && rows.values().stream()
        .anyMatch(r -> r.stats().connections() > 0 && facts.get(r.name()).spikeInputs());
  }

  /** Refuses a MAC or memory column under the reference model, which has neither. */
  private void requireModel(Column c, SummaryOptions o) {
    boolean counted = c.kind() == Column.Kind.SPIKES || c.kind() == Column.Kind.SYNAPTIC_EVENTS
        || c.kind() == Column.Kind.SIM_ENERGY;
    if (counted && spikeCounts.isEmpty()) {
      throw new IllegalArgumentException("column '" + c.kind().key()
          + c.device().map(d -> " " + d.name()).orElse("") + "' needs the spiking simulation:"
          + " e -> e.exampleData(sequences).simulate(dt) (on the command line, a model of spiking"
          + " neurons with --example-data of sequences (N, T, step...))");
    }
    boolean beyond = c.kind() == Column.Kind.MAC_ENERGY || c.kind() == Column.Kind.MEMORY_ENERGY;
    if (beyond && energyModel(o) == EnergyModel.REFERENCE) {
      throw new IllegalArgumentException("column '" + c.kind().key() + " "
          + c.device().orElseThrow().name() + "' needs the MAC_AC or MEMORY_AWARE energy model,"
          + " but this estimate uses REFERENCE; choose one with o -> o.energyModel("
          + "EnergyModel.MAC_AC)");
    }
  }

  /** {@return the device named {@code name}, checked to be estimable} */
  Device estimableDevice(String name) {
    return requireRates(DEVICES.get(name));
  }

  /** {@return the summary's cell of one layer and column} */
  String cell(String layerName, Column column, SummaryOptions o) {
    return cell(row(layerName), column, o);
  }

  /** {@return the export's full-precision value of one layer and column} */
  Object value(String layerName, Column column, SummaryOptions o) {
    return exportValue(row(layerName), column, o);
  }

  // ---- totals and exports ----

  /**
   * {@return the model's totals for one inference, one timestep of 0.001 s: parameters,
   * connections, neurons and energy on every device that can be estimated}
   */
  public EnergyTotals totals() {
    return totals(UnaryOperator.identity());
  }

  /**
   * {@return the model's totals for one inference with the timesteps and dt of {@code configure}}
   * Energy is given for every non-spiking device, and for spiking ones only with example data.
   *
   * @param configure sets summary options such as timesteps per inference and dt
   * @throws IllegalArgumentException if a total passes {@code 2^63-1}, saying which
   */
  public EnergyTotals totals(UnaryOperator<SummaryOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    SummaryOptions o = configure.apply(SummaryOptions.DEFAULTS);
    ParamCount params = ParamCount.ZERO;
    LayerStats stats = LayerStats.NONE;
    for (Row row : rows.values()) {
      try {
        params = params.plus(row.params());
        stats = stats.plus(row.stats());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("the model's totals overflow at layer '" + row.name()
            + "' (" + row.type() + "): " + e.getMessage(), e);
      }
    }
    params = model.lessShared(params);
    Map<String, Double> energy = new LinkedHashMap<>();
    for (String name : DEVICES.names()) {
      Device d = DEVICES.get(name);
      if (options.exampleData().isPresent() || !d.spiking() && !needsRates(energyModel(o))) {
        energy.put(d.name(), totalEnergy(d, o));
      }
    }
    return new EnergyTotals(params.total(), params.trainable(), params.nonTrainable(),
        stats.connections(), stats.neurons(), energy);
  }

  /** {@return the default summary's columns as CSV; see {@link #toCsv(UnaryOperator)}} */
  public String toCsv() {
    return toCsv(UnaryOperator.identity());
  }

  /**
   * {@return one CSV record per layer, then the totals, with the columns of {@code configure}}
   * The header names each field with its unit: {@code layer,type,output_shape,params,
   * connections,neurons,rate_hz,energy_j_cpu,synop_energy_j_cpu,neuron_energy_j_cpu}; {@code
   * layer} and {@code type} always come first. Numbers are at full precision ({@link
   * Double#toString}), a missing rate is {@code NaN}; the totals record has {@code layer} {@code
   * total} and an empty {@code type}. Quoting follows RFC 4180; records end with {@code \n}.
   *
   * @param configure chooses columns, timesteps per inference and dt (line length and warnings do
   *     not apply)
   * @throws IllegalArgumentException for an unknown column or device, listing the valid ones
   * @throws IllegalStateException for a spiking device without example data
   */
  public String toCsv(UnaryOperator<SummaryOptions> configure) {
    return org.neurojoule.energy.Csv.write(exportTable(configure));
  }

  /** {@return the default summary's columns as JSON; see {@link #toJson(UnaryOperator)}} */
  public String toJson() {
    return toJson(UnaryOperator.identity());
  }

  /**
   * {@return the estimate as one JSON object, with the columns of {@code configure}} It holds
   * {@code accounting} ({@code "complete"} or {@code "keras-spiking"}), {@code
   * timesteps_per_inference}, {@code dt_s}, {@code example_data} (its source, or null), {@code
   * layers} (one object per layer with the fields {@link #toCsv(UnaryOperator)} names), {@code
   * totals} (the numeric fields summed) and {@code warnings}. Numbers are at full precision; a
   * missing rate is {@code null}. Every name is escaped.
   *
   * @param configure chooses columns, timesteps per inference and dt (line length and warnings do
   *     not apply)
   * @throws IllegalArgumentException for an unknown column or device, listing the valid ones
   * @throws IllegalStateException for a spiking device without example data
   */
  public String toJson(UnaryOperator<SummaryOptions> configure) {
    return org.neurojoule.energy.Json.write(exportTable(configure));
  }

  @Override
  public String toString() {
    return "ModelEnergy[" + model + ", " + options.accounting() + "]";
  }

  // ---- internals ----

  private Row row(String layerName) {
    Row row = rows.get(Objects.requireNonNull(layerName, "layerName == null"));
    if (row == null) {
      throw new IllegalArgumentException(
          "no layer named '" + layerName + "'; the layers are " + rows.keySet());
    }
    return row;
  }

  private Device requireRates(Device device) {
    if (device.spiking() && options.exampleData().isEmpty()) {
      throw new IllegalStateException("device '" + device.name() + "' is spiking: its synaptic"
          + " energy depends on firing rates, so example data must be given, as in"
          + " model.energy(e -> e.exampleData(ExampleData.of(values, shape)))");
    }
    return device;
  }

  private double totalEnergy(Device device, SummaryOptions o) {
    double total = 0;
    for (Row row : rows.values()) {
      total += energy(row, device, o).total();
    }
    return total;
  }

  /** The rows and totals of the exports, with the columns of {@code configure}. */
  private org.neurojoule.energy.ExportTable exportTable(UnaryOperator<SummaryOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    SummaryOptions o = configure.apply(SummaryOptions.DEFAULTS);
    Map<String, Column> fields = new LinkedHashMap<>();
    fields.put("layer", null);
    fields.put("type", null);
    for (String name : o.columns()) {
      Column c = Column.parse(name, DEVICES);
      c.device().ifPresent(this::requireRates);
      requireModel(c, o);
      if (c.kind() != Column.Kind.NAME) {
        fields.putIfAbsent(exportField(c), c);
      }
    }
    List<List<Object>> table = new ArrayList<>();
    for (Row row : rows.values()) {
      List<Object> values = new ArrayList<>();
      values.add(row.name());
      values.add(row.type());
      fields.values().stream().skip(2).forEach(c -> values.add(exportValue(row, c, o)));
      table.add(values);
    }
    EnergyTotals t = totals(configure);
    List<Object> totals = new ArrayList<>();
    totals.add("total");
    totals.add("");
    for (Column c : fields.values().stream().skip(2).toList()) {
      totals.add(switch (c.kind()) {
        case PARAMS -> t.params();
        case CONNECTIONS -> t.connections();
        case NEURONS -> t.neurons();
        case ENERGY, SYNOP_ENERGY, NEURON_ENERGY, MAC_ENERGY, MEMORY_ENERGY, SIM_ENERGY, SPIKES,
            SYNAPTIC_EVENTS -> {
          double sum = 0;
          for (List<Object> values : table) {
            sum += (Double) values.get(totals.size());
          }
          yield sum;
        }
        case SPARSITY, WEIGHT_SPARSITY, FOOTPRINT, DENSE_OPS, EFFECTIVE_MACS, EFFECTIVE_ACS ->
            ActivityMetrics.total(activity(), c.kind(), o);
        default -> null;
      });
    }
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("accounting",
        options.accounting().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    about.put("energy_model", energyModel(o).label());
    about.put("timesteps_per_inference", (long) o.timestepsPerInference());
    about.put("dt_s", o.dt());
    about.put("example_data", options.exampleData().map(ExampleData::source).orElse(null));
    return new org.neurojoule.energy.ExportTable(
        List.copyOf(fields.keySet()), table, totals, about, warnings);
  }

  /** {@code energy cpu} is {@code energy_j_cpu}: each field says its unit. */
  private static String exportField(Column c) {
    return switch (c.kind()) {
      case RATE -> "rate_hz";
      case ENERGY, SYNOP_ENERGY, NEURON_ENERGY, MAC_ENERGY, MEMORY_ENERGY, SIM_ENERGY ->
          c.kind().key() + "_j_" + c.device().orElseThrow().name();
      case SPARSITY, WEIGHT_SPARSITY, FOOTPRINT, DENSE_OPS, EFFECTIVE_MACS, EFFECTIVE_ACS ->
          ActivityMetrics.field(c.kind());
      default -> c.kind().key();
    };
  }

  private Object exportValue(Row row, Column column, SummaryOptions o) {
    return switch (column.kind()) {
      case NAME -> row.name();
      case OUTPUT_SHAPE -> row.outputShape();
      case PARAMS -> row.params().total();
      case CONNECTIONS -> row.stats().connections();
      case NEURONS -> row.stats().neurons();
      case RATE -> row.rate();
      case ENERGY -> energy(row, column.device().orElseThrow(), o).total();
      case SYNOP_ENERGY -> energy(row, column.device().orElseThrow(), o).synop();
      case NEURON_ENERGY -> energy(row, column.device().orElseThrow(), o).neuron();
      case SPARSITY, WEIGHT_SPARSITY, FOOTPRINT, DENSE_OPS, EFFECTIVE_MACS, EFFECTIVE_ACS ->
          ActivityMetrics.value(row.activity().get(), column.kind(), o);
      case MAC_ENERGY -> energy(row, column.device().orElseThrow(), o).operations();
      case MEMORY_ENERGY -> energy(row, column.device().orElseThrow(), o).memory();
      case SPIKES -> counts(row).spikes();
      case SYNAPTIC_EVENTS -> counts(row).synapticEvents();
      case SIM_ENERGY -> simulatedEnergy(row, column.device().orElseThrow());
    };
  }

  private SpikeCounts.Layer counts(Row row) {
    return spikeCounts.orElseThrow().layer(row.name());
  }

  /**
   * A layer's energy from the simulation's counts: on a spiking device e_synop x counted events
   * + e_neuron x neuron updates (neurons x steps); on a non-spiking one every connection and
   * neuron is computed every step, spikes or not.
   */
  private double simulatedEnergy(Row row, Device device) {
    SpikeCounts c = spikeCounts.orElseThrow();
    double updates = (double) row.stats().neurons() * c.timesteps();
    double synops = device.spiking() ? counts(row).synapticEvents()
        : (double) row.stats().connections() * c.timesteps();
    return synops == 0 && updates == 0 ? 0
        : device.energyPerSynop() * synops + device.energyPerNeuron() * updates;
  }

  private LayerEnergy energy(Row row, Device device, SummaryOptions o) {
    return EnergyCalculator.of(energyModel(o), device, DEVICES.costs(device.name()), row.stats(),
        row.rate(), facts.get(row.name()), o.timestepsPerInference(), o.dt());
  }

  private String cell(Row row, Column column, SummaryOptions o) {
    return switch (column.kind()) {
      case NAME -> row.name() + " (" + row.type() + ")";
      case OUTPUT_SHAPE -> row.outputShape();
      case PARAMS -> Long.toString(row.params().total());
      case CONNECTIONS -> Long.toString(row.stats().connections());
      case NEURONS -> Long.toString(row.stats().neurons());
      case RATE -> PythonFormat.g2(row.rate());
      case ENERGY -> PythonFormat.g2(energy(row, column.device().orElseThrow(), o).total());
      case SYNOP_ENERGY -> PythonFormat.g2(energy(row, column.device().orElseThrow(), o).synop());
      case NEURON_ENERGY ->
          PythonFormat.g2(energy(row, column.device().orElseThrow(), o).neuron());
      case SPARSITY, WEIGHT_SPARSITY, FOOTPRINT, DENSE_OPS, EFFECTIVE_MACS, EFFECTIVE_ACS ->
          ActivityMetrics.cell(row.activity().get(), column.kind(), o);
      case MAC_ENERGY ->
          PythonFormat.g2(energy(row, column.device().orElseThrow(), o).operations());
      case MEMORY_ENERGY ->
          PythonFormat.g2(energy(row, column.device().orElseThrow(), o).memory());
      case SPIKES -> PythonFormat.g2(counts(row).spikes());
      case SYNAPTIC_EVENTS -> PythonFormat.g2(counts(row).synapticEvents());
      case SIM_ENERGY -> PythonFormat.g2(simulatedEnergy(row, column.device().orElseThrow()));
    };
  }

  /** The statistics of {@code layer} summed over its applications; empty if there is no rule. */
  private Optional<LayerStats> stats(Layer layer, Accounting accounting) {
    LayerStats sum = null;
    List<Tensor> nodes = model.applications(layer);
    for (Tensor node : nodes) {
      List<Shape> in = Model.shapesOf(node.inputs());
      Optional<LayerStats> one = statsOf(layer, in, node.shape(), accounting);
      if (one.isEmpty()) {
        return Optional.empty();
      }
      try {
        sum = sum == null ? one.get() : sum.plus(one.get());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("layer '" + model.nameOf(layer) + "' ("
            + layer.type() + "), applied " + nodes.size() + " times: " + e.getMessage(), e);
      }
    }
    return Optional.ofNullable(sum);
  }

  private Optional<LayerStats> statsOf(
      Layer layer, List<Shape> inputs, Shape output, Accounting accounting) {
    LayerStatsRule rule = LAYER_RULES.get(layer.type());
    if (rule != null) {
      LayerStats stats = rule.stats(layer.spec(), inputs, output);
      if (stats == null) {
        throw new IllegalStateException("the rule registered for layer type '" + layer.type()
            + "' returned null for layer '" + model.nameOf(layer) + "'; a rule must return"
            + " LayerStats (LayerStats.NONE for nothing to count)");
      }
      return Optional.of(stats);
    }
    return Layers.stats(
        model.indexOf(layer), model.nameOf(layer), layer.spec(), inputs, output, accounting);
  }
}
