package org.neurojoule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.neurojoule.device.Device;
import org.neurojoule.device.DeviceFile;
import org.neurojoule.device.DeviceInfo;
import org.neurojoule.device.DeviceRegistry;
import org.neurojoule.device.OperationCosts;
import org.neurojoule.energy.Csv;
import org.neurojoule.energy.Json;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.LayerStats;

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
 * <p>The warnings of every summary start with "These are estimates only; see the documentation of
 * ModelEnergy for a list of the assumptions being made". These are they. The figures are rough:
 * real consumption depends on the software and hardware that run the network far more than on
 * anything counted here.
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
 *   <li><b>One pass is one timestep.</b> A model without a time axis is taken to be what the device
 *       computes on each timestep. A leading undefined dimension is time and is not counted; {@code
 *       timeDistributed(x)} counts {@code x} on one timestep.
 *   <li><b>Batch normalization is folded.</b> It is assumed merged into the preceding layer's
 *       weights at deployment, so it counts zero; so does max pooling (comparisons only).
 *   <li><b>One energy model by default.</b> These rules are {@link EnergyModel#REFERENCE}'s. {@link
 *       EnergyModel#MAC_AC} charges multiply-accumulates and accumulates instead, and {@link
 *       EnergyModel#MEMORY_AWARE} adds memory accesses after Lemaire et al. (ICONIP 2022); choose
 *       one with {@code e -> e.energyModel(...)} or per call with {@code o -> o.energyModel(...)}.
 *   <li><b>Two accounting modes.</b> {@link Accounting#KERAS_SPIKING} applies the reference's rules
 *       exactly and reproduces its published figures: layers it has no rule for (depthwise and
 *       separable convolutions, average pooling, custom layers) count zero, with a warning. {@link
 *       Accounting#COMPLETE}, the default, also counts the multiplications of depthwise and
 *       separable convolutions and the additions of average and global average pooling; the summary
 *       says when the two modes differ.
 * </ul>
 */
public final class ModelEnergy {
  private static final System.Logger LOG = System.getLogger(ModelEnergy.class.getName());

  static final String ESTIMATES_WARNING = EstimateNotes.ESTIMATES_WARNING;
  static final String NON_SPIKING_WARNING = EstimateNotes.NON_SPIKING_WARNING;

  private final Estimate estimate;

  ModelEnergy(Model model, EnergyOptions options) {
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(options, "options == null");
    this.estimate = Estimator.estimate(model, options, LayerRuleRegistry.defaults());
  }

  /**
   * {@return the spikes and synaptic events the spiking simulation counted per layer and inference,
   * when the estimate ran it ({@link EnergyOptions#simulate(double)}); else empty}
   */
  public Optional<SpikeCounts> spikeCounts() {
    return estimate.spikeCounts();
  }

  // ---- devices and layer rules: conveniences for the default registries ----

  /**
   * Registers a device in {@link DeviceRegistry#defaults()}, or replaces one of the same name (with
   * a logged warning), so that columns such as {@code "energy <name>"} can use it.
   *
   * @param name the device name, ignoring case
   * @param energyPerSynop joules per synaptic operation
   * @param energyPerNeuron joules per neuron update
   * @param spiking whether synaptic operations happen only on input spikes
   */
  public static void registerDevice(
      String name, double energyPerSynop, double energyPerNeuron, boolean spiking) {
    Device device = new Device(name, energyPerSynop, energyPerNeuron, spiking);
    register(device, DeviceInfo.citing(device.source()), OperationCosts.defaultsFor(device));
  }

  /**
   * Registers every device of a JSON device file in {@link DeviceRegistry#defaults()}, replacing
   * any of the same name (with a logged warning, as {@link #registerDevice}). The file is {@code
   * {"devices": [{"device": "mine", "energy_per_synop_j": 1e-12, "energy_per_neuron_j": 2e-12,
   * "spiking": true, "node": "22 nm", "kind": "measured", "counts": "...", "source": "..."}]}}: the
   * first four keys are required, the others optional. Nothing is registered unless every entry is
   * valid.
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
      e.calibration().ifPresent(t -> registry().register(e));
      names.add(e.device().name());
    }
    return List.copyOf(names);
  }

  private static void register(Device device, DeviceInfo info, OperationCosts costs) {
    registry()
        .register(device, info, costs)
        .ifPresent(
            old ->
                LOG.log(
                    System.Logger.Level.WARNING,
                    "Device ''{0}'' already registered; overwriting it ({1} ->" + " {2})",
                    device.name(),
                    old,
                    device));
  }

  private static DeviceRegistry registry() {
    return DeviceRegistry.defaults();
  }

  /** {@return the names of the registered devices, built-in ones first, then the catalogue's} */
  public static List<String> devices() {
    return registry().names();
  }

  /**
   * {@return the devices a comparison covers unless told which: the built-in ones and those
   * registered by the user, not the catalogue's (which are many, and named when wanted)}
   */
  static List<String> defaultDevices() {
    return registry().namesBeyondCatalogue();
  }

  /**
   * {@return the device named {@code name}, ignoring case}
   *
   * @param name the device name, ignoring case
   * @throws IllegalArgumentException if there is none, listing the known devices
   */
  public static Device device(String name) {
    return registry().get(name);
  }

  /**
   * {@return what the figures of the device named {@code name} count, its process node, how they
   * were obtained and their full citation; empty texts where a device does not say}
   *
   * @param name the device name, ignoring case
   * @throws IllegalArgumentException if there is none, listing the known devices
   */
  public static DeviceInfo deviceInfo(String name) {
    return registry().info(name);
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
    return registry().costs(name);
  }

  /**
   * Uses {@code rule} for the statistics of every layer whose Keras type is {@code type}, such as a
   * {@link org.neurojoule.layer.CustomLayer}'s type, in both accounting modes; registers it in
   * {@link LayerRuleRegistry#defaults()}.
   *
   * @param type the Keras layer type, such as {@code MyLayer}
   * @param rule computes the statistics of one application
   */
  public static void registerLayer(String type, LayerStatsRule rule) {
    LayerRuleRegistry.defaults().register(type, rule);
  }

  /**
   * Removes a rule registered with {@link #registerLayer}; built-in rules apply again.
   *
   * @param type the Keras layer type, such as {@code MyLayer}
   */
  public static void unregisterLayer(String type) {
    LayerRuleRegistry.defaults().unregister(type);
  }

  // ---- per-layer figures ----

  /** {@return the model estimated} */
  public Model model() {
    return estimate.model();
  }

  /** {@return how it was estimated} */
  public EnergyOptions options() {
    return estimate.options();
  }

  /**
   * {@return the statistics of a layer: connections, neurons and whether it spikes, summed over the
   * layer's applications}
   *
   * @param layerName the layer's name in the model
   * @throws IllegalArgumentException if there is no such layer
   */
  public LayerStats layerStats(String layerName) {
    return estimate.row(layerName).stats();
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
   */
  public LayerEnergy layerEnergy(
      String layerName, String device, UnaryOperator<SummaryOptions> configure) {
    EstimateFigures f = figures(configure);
    EstimateRow row = estimate.row(layerName);
    return f.energy(row, f.device(device));
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
    EstimateFigures f = figures(configure);
    return f.totalEnergy(f.device(device));
  }

  /**
   * {@return each layer's firing rate (mean absolute input), in layer order; NaN without example
   * data}
   */
  public Map<String, Double> rates() {
    return estimate.rates();
  }

  /**
   * {@return the activity metrics of a layer: activation and weight sparsity, footprint, dense and
   * effective operations} See {@link LayerActivity}.
   *
   * @param layerName the layer's name in the model
   * @throws IllegalArgumentException if there is no such layer
   */
  public LayerActivity activity(String layerName) {
    return estimate.row(layerName).activity();
  }

  /** {@return the activity metrics of every layer and the model's totals} */
  public ModelActivity activity() {
    return estimate.activity();
  }

  /**
   * {@return what the estimate warns about}: layers it cannot count ({@code Cannot compute stats
   * for layer of type 'X'}, counted as zero, as the reference does) and inputs that look
   * channels-first. They are logged through {@link System.Logger} (logger {@code
   * org.neurojoule.ModelEnergy}, level WARNING; on standard error by default) once per model when
   * the estimate is made, unless {@link EnergyOptions#logWarnings(boolean) logWarnings(false)};
   * summaries never print them.
   */
  public List<String> warnings() {
    return estimate.warnings();
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
   */
  public String summaryString(UnaryOperator<SummaryOptions> configure) {
    return SummaryTable.render(figures(configure));
  }

  // ---- the report ----

  /**
   * {@return the HTML report of the default summary's columns, the cpu chart on a linear scale} See
   * {@link #report(UnaryOperator)}.
   */
  public Report report() {
    return report(UnaryOperator.identity());
  }

  /**
   * {@return the HTML report, configured: {@code o -> o.columns("name", "energy cpu", "energy
   * gpu").devices("cpu", "gpu").scale(ReportOptions.Scale.LOG)}} One self-contained XHTML page: the
   * model's overview, a chart of energy per layer for each chosen device, synaptic versus neuron
   * energy, the summary's table with every figure at full precision in its tooltip, the firing
   * rates when example data was given, and the notes. {@link Report#writeHtml} writes it.
   *
   * @param configure sets the columns, devices, scale, timesteps per inference and dt
   * @throws IllegalArgumentException for an unknown column or device, listing the valid ones
   * @throws IllegalStateException for a spiking device without example data
   */
  public Report report(UnaryOperator<ReportOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    ReportOptions options = configure.apply(ReportOptions.DEFAULTS);
    return ModelReport.of(EstimateFigures.of(estimate, options.summary(), registry()), options);
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
    return figures(configure).totals();
  }

  /** {@return the default summary's columns as CSV; see {@link #toCsv(UnaryOperator)}} */
  public String toCsv() {
    return toCsv(UnaryOperator.identity());
  }

  /**
   * {@return one CSV record per layer, then the totals, with the columns of {@code configure}} The
   * header names each field with its unit: {@code layer,type,output_shape,params,
   * connections,neurons,rate_hz,energy_j_cpu,synop_energy_j_cpu,neuron_energy_j_cpu}; {@code layer}
   * and {@code type} always come first. Numbers are at full precision ({@link Double#toString}), a
   * missing rate is {@code NaN}; the totals record has {@code layer} {@code total} and an empty
   * {@code type}. Quoting follows RFC 4180; records end with {@code \n}.
   *
   * @param configure chooses columns, timesteps per inference and dt (line length and warnings do
   *     not apply)
   * @throws IllegalArgumentException for an unknown column or device, listing the valid ones
   * @throws IllegalStateException for a spiking device without example data
   */
  public String toCsv(UnaryOperator<SummaryOptions> configure) {
    return Csv.write(ExportTables.of(figures(configure)));
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
    return Json.write(ExportTables.of(figures(configure)));
  }

  /**
   * {@return the summary as a GitHub-flavoured Markdown table, for a paper or a README: the
   * summary's columns and cells, never cut, then the totals and (unless {@code
   * printWarnings(false)}) the notes as paragraphs}
   *
   * @param configure chooses columns, timesteps per inference, dt and warnings
   * @throws IllegalArgumentException for an unknown column or device, listing the valid ones
   * @throws IllegalStateException for a spiking device without example data
   */
  public String toMarkdown(UnaryOperator<SummaryOptions> configure) {
    return SummaryTable.paper(figures(configure)).markdown();
  }

  /**
   * {@return the summary as a LaTeX {@code tabular} (booktabs' {@code \toprule}, {@code \midrule},
   * {@code \bottomrule}), every special character escaped, then the totals and notes}
   *
   * @param configure chooses columns, timesteps per inference, dt and warnings
   * @throws IllegalArgumentException for an unknown column or device, listing the valid ones
   * @throws IllegalStateException for a spiking device without example data
   */
  public String toLatex(UnaryOperator<SummaryOptions> configure) {
    return SummaryTable.paper(figures(configure)).latex();
  }

  /**
   * {@return the timesteps per inference of this estimate's energy on spiking devices with {@code
   * configure}'s options: as set, else the simulated sequences' length T, else 1} See {@link
   * SummaryOptions#SEQUENCE_TIMESTEPS}.
   *
   * @param configure sets summary options such as timesteps per inference
   */
  public int timestepsPerInference(UnaryOperator<SummaryOptions> configure) {
    return figures(configure).timesteps();
  }

  @Override
  public String toString() {
    return "ModelEnergy[" + estimate.model() + ", " + estimate.options().accounting() + "]";
  }

  // ---- internals ----

  /** {@return the estimate this facade reads} */
  Estimate estimate() {
    return estimate;
  }

  /** {@return the estimate priced with the options of {@code configure}} */
  private EstimateFigures figures(UnaryOperator<SummaryOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    return EstimateFigures.of(estimate, configure.apply(SummaryOptions.DEFAULTS), registry());
  }
}
