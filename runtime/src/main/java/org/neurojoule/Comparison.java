package org.neurojoule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.neurojoule.device.Device;
import org.neurojoule.device.DeviceRegistry;
import org.neurojoule.energy.ComparisonText;
import org.neurojoule.energy.Csv;
import org.neurojoule.energy.Json;
import org.neurojoule.energy.MemorySize;
import org.neurojoule.energy.PaperTable;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.LayerKind;

/**
 * Two or more estimates side by side: a baseline (the first) and candidates, with how much each
 * candidate reduces the baseline's energy per inference on each device, its parameters, storage,
 * connections and neurons, and where each model's energy goes by {@link LayerKind}.
 *
 * <pre>{@code
 * Comparison.of(vgg9.energy(), lcrmVgg9.energy()).named("VGG9", "LCRM-VGG9").summary();
 * }</pre>
 *
 * <p>Each model keeps the accounting mode it was estimated with; the table says which, and notes
 * when they differ, as such figures do not compare like with like. Which devices are compared, the
 * timesteps per inference and {@code dt} come from {@link SummaryOptions}: the devices of its
 * {@code energy <device>} columns when the columns are not the default ones, otherwise every
 * non-spiking device and the spiking ones too when every model has example data.
 */
public final class Comparison {
  private final List<ModelEnergy> models;
  private final List<String> names;

  private Comparison(List<ModelEnergy> models, List<String> names) {
    this.models = models;
    this.names = names;
  }

  /**
   * {@return a baseline and one candidate}
   *
   * @param baseline the model compared against, such as the parent architecture
   * @param candidate the model compared with it
   */
  public static Comparison of(ModelEnergy baseline, ModelEnergy candidate) {
    return of(
        List.of(
            Objects.requireNonNull(baseline, "baseline == null"),
            Objects.requireNonNull(candidate, "candidate == null")));
  }

  /**
   * {@return a sweep: the first model is the baseline}
   *
   * @param models at least two estimates
   * @throws IllegalArgumentException for fewer than two
   */
  public static Comparison of(ModelEnergy... models) {
    Objects.requireNonNull(models, "models == null");
    return of(java.util.Arrays.asList(models));
  }

  /**
   * {@return a sweep: the first model is the baseline; the models are named {@code model 1}, {@code
   * model 2}, ... until {@link #named(String...)}}
   *
   * @param models at least two estimates
   * @throws IllegalArgumentException for fewer than two
   */
  public static Comparison of(List<ModelEnergy> models) {
    Objects.requireNonNull(models, "models == null");
    for (int i = 0; i < models.size(); i++) {
      Objects.requireNonNull(models.get(i), "models[" + i + "] == null");
    }
    if (models.size() < 2) {
      throw new IllegalArgumentException(
          "a comparison needs at least two models, was given " + models.size());
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= models.size(); i++) {
      names.add("model " + i);
    }
    return new Comparison(List.copyOf(models), List.copyOf(names));
  }

  /**
   * {@return the same comparison with these names, one per model in order}
   *
   * @param names the models' names, not blank and all different
   * @throws IllegalArgumentException for the wrong number of names, a blank or a repeated one
   */
  public Comparison named(String... names) {
    Objects.requireNonNull(names, "names == null");
    return named(java.util.Arrays.asList(names));
  }

  /**
   * {@return the same comparison with these names, one per model in order}
   *
   * @param names the models' names, not blank and all different
   * @throws IllegalArgumentException for the wrong number of names, a blank or a repeated one
   */
  public Comparison named(List<String> names) {
    Objects.requireNonNull(names, "names == null");
    if (names.size() != models.size()) {
      throw new IllegalArgumentException(
          names.size() + " names given for " + models.size() + " models: " + names);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = Objects.requireNonNull(names.get(i), "names[" + i + "] == null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name " + (i + 1) + " is blank: '" + name + "'");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("two models are named '" + name + "'");
      }
    }
    return new Comparison(models, List.copyOf(names));
  }

  // ---- the figures ----

  /** {@return the estimates compared, the baseline first} */
  public List<ModelEnergy> models() {
    return models;
  }

  /** {@return the models' names, in order} */
  public List<String> names() {
    return names;
  }

  /**
   * {@return the devices compared with {@code configure}'s options, in device order}
   *
   * @param configure chooses devices through its energy columns (see the class description)
   * @throws IllegalArgumentException for an unknown column or device
   * @throws IllegalStateException for a spiking device and a model without example data
   */
  public List<String> devices(UnaryOperator<SummaryOptions> configure) {
    return figures(configure).devices();
  }

  /**
   * {@return a model's totals: parameters, connections, neurons and energy on every device it can
   * be estimated on}
   *
   * @param model the model's index, 0 for the baseline
   * @param configure sets timesteps per inference and dt
   */
  public EnergyTotals totals(int model, UnaryOperator<SummaryOptions> configure) {
    return models.get(index(model)).totals(configure);
  }

  /**
   * {@return the float32 storage of a model's parameters in bytes: 4 per parameter}
   *
   * @param model the model's index, 0 for the baseline
   */
  public long storageBytes(int model) {
    long params = models.get(index(model)).totals().params();
    return params > Long.MAX_VALUE / Float.BYTES ? Long.MAX_VALUE : params * Float.BYTES;
  }

  /**
   * {@return a model's energy per inference on {@code device}, in joules}
   *
   * @param model the model's index, 0 for the baseline
   * @param device the device name, ignoring case
   * @param configure sets timesteps per inference and dt
   * @throws IllegalStateException for a spiking device and a model without example data, naming the
   *     model
   */
  public double energy(int model, String device, UnaryOperator<SummaryOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    int i = index(model);
    try {
      return models.get(i).totalEnergy(device, configure);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("model '" + names.get(i) + "': " + e.getMessage(), e);
    }
  }

  /**
   * {@return how much less energy a model needs than the baseline on {@code device}, in %; negative
   * when it needs more, NaN when the baseline needs none}
   *
   * @param model the model's index, 0 for the baseline
   * @param device the device name, ignoring case
   * @param configure sets timesteps per inference and dt
   */
  public double reduction(int model, String device, UnaryOperator<SummaryOptions> configure) {
    return reduction(energy(0, device, configure), energy(model, device, configure));
  }

  /**
   * {@return how much smaller {@code candidate} is than {@code baseline}, in %: {@code 100 (1 -
   * candidate / baseline)}; NaN when {@code baseline} is 0}
   *
   * @param baseline the figure compared against
   * @param candidate the figure compared with it
   */
  public static double reduction(double baseline, double candidate) {
    return baseline == 0 ? Double.NaN : 100 * (1 - candidate / baseline);
  }

  /**
   * {@return a model's energy per inference on {@code device} by layer kind, in joules; every kind
   * is present, 0 where the model has no such layer}
   *
   * @param model the model's index, 0 for the baseline
   * @param device the device name, ignoring case
   * @param configure sets timesteps per inference and dt
   * @throws IllegalStateException for a spiking device and a model without example data, naming the
   *     model
   */
  public Map<LayerKind, Double> energyByKind(
      int model, String device, UnaryOperator<SummaryOptions> configure) {
    Objects.requireNonNull(device, "device == null");
    Objects.requireNonNull(configure, "configure == null");
    int i = index(model);
    ModelEnergy energy = models.get(i);
    Map<LayerKind, Double> byKind = new EnumMap<>(LayerKind.class);
    for (LayerKind kind : LayerKind.values()) {
      byKind.put(kind, 0.0);
    }
    Model m = energy.model();
    try {
      for (Layer layer : m.layers()) {
        double joules = energy.layerEnergy(m.nameOf(layer), device, configure).total();
        byKind.merge(LayerKind.of(layer.spec()), joules, Double::sum);
      }
    } catch (IllegalStateException e) {
      throw new IllegalStateException("model '" + names.get(i) + "': " + e.getMessage(), e);
    }
    return Collections.unmodifiableMap(byKind);
  }

  /** {@return the kinds of layer some model has besides its inputs, in kind order} */
  public Set<LayerKind> kinds() {
    Set<LayerKind> kinds = EnumSet.noneOf(LayerKind.class);
    for (ModelEnergy e : models) {
      e.model().layers().stream()
          .filter(l -> !l.spec().isInput())
          .forEach(l -> kinds.add(LayerKind.of(l.spec())));
    }
    return Collections.unmodifiableSet(kinds);
  }

  /**
   * {@return the timesteps per inference of a model's energy on spiking devices with {@code
   * configure}'s options: as set, else its simulated sequences' length T, else 1} See {@link
   * SummaryOptions#SEQUENCE_TIMESTEPS}.
   *
   * @param model the model's index, 0 for the baseline
   * @param configure sets timesteps per inference
   */
  public int timesteps(int model, UnaryOperator<SummaryOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    return EstimateFigures.timesteps(
        models.get(index(model)).estimate(), configure.apply(SummaryOptions.DEFAULTS));
  }

  /**
   * {@return a model's accounting mode as exports name it: {@code complete} or {@code
   * keras-spiking}}
   *
   * @param model the model's index, 0 for the baseline
   */
  public String accounting(int model) {
    return accountingName(models.get(index(model)).options().accounting());
  }

  /** {@return whether the models were estimated with different accounting modes} */
  public boolean mixesAccounting() {
    return models.stream().map(e -> e.options().accounting()).distinct().count() > 1;
  }

  // ---- the table and the exports ----

  /** Prints the default comparison to standard output. */
  public void summary() {
    System.out.print(summaryString());
  }

  /**
   * Prints the comparison, configured, to standard output.
   *
   * @param configure chooses devices, timesteps per inference, dt, line length and warnings
   */
  public void summary(UnaryOperator<SummaryOptions> configure) {
    System.out.print(summaryString(configure));
  }

  /** {@return the default comparison table; see {@link #summaryString(UnaryOperator)}} */
  public String summaryString() {
    return summaryString(UnaryOperator.identity());
  }

  /**
   * {@return the comparison as text} One table holds each model's accounting mode, energy per
   * inference on each device ({@code 0.2e}), parameters, float32 storage in Keras' units ({@code
   * 5.04 KB}, 1 KB = 1024 bytes), connections and neurons, each candidate followed by its reduction
   * from the baseline in % (one decimal); then, per device, each model's energy by layer kind (the
   * kinds some model has) with its share of that model's total; then the notes.
   *
   * @param configure chooses devices, timesteps per inference, dt, line length ({@link
   *     SummaryOptions#AUTO} never cuts a cell) and warnings
   * @throws IllegalArgumentException for an unknown column or device
   * @throws IllegalStateException for a spiking device and a model without example data
   */
  public String summaryString(UnaryOperator<SummaryOptions> configure) {
    Figures f = figures(configure);
    List<String> notes = f.options().printWarnings() ? notes(f) : List.of();
    return ComparisonText.render(names, f.table(), f.breakdown(), notes, f.options().lineLength());
  }

  /**
   * {@return the comparison as GitHub-flavoured Markdown, for a paper or a README: the table of
   * figures, the energy by layer kind, then (unless {@code printWarnings(false)}) the notes}
   *
   * @param configure chooses devices, timesteps per inference, dt and warnings
   * @throws IllegalArgumentException for an unknown column or device
   * @throws IllegalStateException for a spiking device and a model without example data
   */
  public String toMarkdown(UnaryOperator<SummaryOptions> configure) {
    List<PaperTable> tables = paperTables(configure);
    return tables.get(0).markdown() + "\n" + tables.get(1).markdown();
  }

  /**
   * {@return the comparison as two LaTeX {@code tabular}s (booktabs rules): the table of figures,
   * then the energy by layer kind and (unless {@code printWarnings(false)}) the notes}
   *
   * @param configure chooses devices, timesteps per inference, dt and warnings
   * @throws IllegalArgumentException for an unknown column or device
   * @throws IllegalStateException for a spiking device and a model without example data
   */
  public String toLatex(UnaryOperator<SummaryOptions> configure) {
    List<PaperTable> tables = paperTables(configure);
    return tables.get(0).latex() + "\n" + tables.get(1).latex();
  }

  private List<PaperTable> paperTables(UnaryOperator<SummaryOptions> configure) {
    Figures f = figures(configure);
    List<String> headers = new ArrayList<>(List.of(""));
    List<String> kindHeaders = new ArrayList<>(List.of("Energy by layer kind"));
    for (int m = 0; m < names.size(); m++) {
      headers.add(names.get(m));
      if (m > 0) {
        headers.add("Reduction");
      }
      kindHeaders.add(names.get(m));
      kindHeaders.add("Share");
    }
    List<Boolean> numeric = new ArrayList<>(Collections.nCopies(headers.size(), true));
    numeric.set(0, false);
    List<Boolean> kindNumeric = new ArrayList<>(Collections.nCopies(kindHeaders.size(), true));
    kindNumeric.set(0, false);
    List<String> notes = f.options().printWarnings() ? notes(f) : List.of();
    return List.of(
        new PaperTable(headers, f.table(), numeric, List.of()),
        new PaperTable(kindHeaders, f.breakdown(), kindNumeric, notes));
  }

  /** {@return the notes under the table and in the report, as the options choose devices} */
  List<String> notes(UnaryOperator<SummaryOptions> configure) {
    return notes(figures(configure));
  }

  private List<String> notes(Figures f) {
    List<String> notes = new ArrayList<>();
    notes.add(EstimateNotes.ESTIMATES_WARNING);
    if (mixesAccounting()) {
      notes.add(
          "* The models were estimated with different accounting modes, so their"
              + " figures do not count the same operations; estimate them all with"
              + " energy(e -> e.accounting(...)) of one mode.");
    }
    timestepsNote(f).ifPresent(notes::add);
    if (!f.skipped().isEmpty()) {
      notes.add(
          "* Not compared: "
              + String.join(", ", f.skipped())
              + " (spiking: their"
              + " energy needs firing rates, so every model needs example data).");
    }
    return notes;
  }

  /**
   * The note on timesteps per inference, when a spiking device is compared and some model's are not
   * simply one: each model's, and why.
   */
  private java.util.Optional<String> timestepsNote(Figures f) {
    boolean spiking = f.devices().stream().anyMatch(d -> ModelEnergy.device(d).spiking());
    List<String> each = new ArrayList<>();
    boolean beyondOne = false;
    for (int m = 0; m < models.size(); m++) {
      int t = timesteps(m, x -> x.timingOf(f.options()));
      beyondOne |= t != 1;
      boolean fromSequences =
          f.options().timestepsPerInference() == SummaryOptions.SEQUENCE_TIMESTEPS
              && models.get(m).spikeCounts().isPresent();
      each.add(names.get(m) + " " + t + (fromSequences ? " (its simulated sequences' T)" : ""));
    }
    if (!spiking || !beyondOne) {
      return java.util.Optional.empty();
    }
    if (f.options().timestepsPerInference() != SummaryOptions.SEQUENCE_TIMESTEPS) {
      return java.util.Optional.of(
          "* Timesteps per inference on spiking devices: "
              + f.options().timestepsPerInference()
              + " of "
              + f.options().dt()
              + " s for every model (as set).");
    }
    return java.util.Optional.of(
        "* Timesteps per inference on spiking devices, of "
            + f.options().dt()
            + " s: "
            + String.join(", ", each)
            + "; set one for all with "
            + org.neurojoule.layer.Hint.TIMESTEPS.text()
            + ".");
  }

  // ---- the report ----

  /** {@return the HTML report of the default comparison; see {@link #report(UnaryOperator)}} */
  public Report report() {
    return report(UnaryOperator.identity());
  }

  /**
   * {@return the comparison as an HTML report, configured: {@code r -> r.devices("cpu", "gpu")
   * .scale(ReportOptions.Scale.LOG)}} One self-contained XHTML page: the models side by side
   * (inputs, parameters, storage, connections, neurons, accounting, example data), the table of
   * energy per device with each candidate's reduction in %, a chart per device with one stacked bar
   * (synaptic and neuron energy) per model, the energy by layer kind, and the notes. Every figure
   * carries its full precision in {@code title} and {@code data-value}. The devices are the
   * options' {@code devices}, or else those the summary options compare (see the class
   * description); the title defaults to the models' names. {@link Report#writeHtml} writes it.
   *
   * @param configure chooses devices, the scale shown first, timesteps per inference, dt and the
   *     title
   * @throws IllegalArgumentException for an unknown column or device
   * @throws IllegalStateException for a spiking device and a model without example data, naming the
   *     model
   */
  public Report report(UnaryOperator<ReportOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    ReportOptions defaults =
        ReportOptions.DEFAULTS.title("Comparison: " + String.join(" vs ", names));
    return ComparisonReport.of(this, configure.apply(defaults));
  }

  /** {@return the default comparison as CSV; see {@link #toCsv(UnaryOperator)}} */
  public String toCsv() {
    return toCsv(UnaryOperator.identity());
  }

  /**
   * {@return one CSV record per model, the baseline first} The header names each field with its
   * unit: {@code model,accounting,params,storage_bytes,connections,neurons}, then per compared
   * device {@code energy_j_<device>}, then {@code reduction_percent_<field>} for params,
   * connections, neurons and each device, then {@code energy_j_<device>_<kind>} for each device and
   * every {@link LayerKind} (0 where a model has none), then {@code timesteps_per_inference} (see
   * {@link SummaryOptions#SEQUENCE_TIMESTEPS}); the header depends on the devices only, never on
   * the models. Numbers are at full precision ({@link Double#toString}); a reduction from a
   * baseline of 0 is empty. Quoting follows RFC 4180; records end with {@code \n}.
   *
   * @param configure chooses devices, timesteps per inference and dt
   * @throws IllegalArgumentException for an unknown column or device
   * @throws IllegalStateException for a spiking device and a model without example data
   */
  public String toCsv(UnaryOperator<SummaryOptions> configure) {
    Figures f = figures(configure);
    StringBuilder out = new StringBuilder();
    csvRecord(out, new ArrayList<>(f.fields()));
    f.records().forEach(r -> csvRecord(out, r));
    return out.toString();
  }

  /** {@return the default comparison as JSON; see {@link #toJson(UnaryOperator)}} */
  public String toJson() {
    return toJson(UnaryOperator.identity());
  }

  /**
   * {@return the comparison as one JSON object} It holds {@code baseline} (its name), {@code
   * timesteps_per_inference} (null when the models' differ; each model has its own), {@code dt_s},
   * {@code devices}, {@code models} (one object per model with the fields {@link
   * #toCsv(UnaryOperator)} names, and {@code example_data}: its source or null) and {@code
   * warnings}. Numbers are at full precision; a reduction from a baseline of 0 is null. Every name
   * is escaped.
   *
   * @param configure chooses devices, timesteps per inference and dt
   * @throws IllegalArgumentException for an unknown column or device
   * @throws IllegalStateException for a spiking device and a model without example data
   */
  public String toJson(UnaryOperator<SummaryOptions> configure) {
    Figures f = figures(configure);
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"baseline\": ").append(Json.string(names.get(0))).append(",\n");
    out.append("  \"timesteps_per_inference\": ")
        .append(commonTimesteps(f).map(String::valueOf).orElse("null"))
        .append(",\n");
    out.append("  \"dt_s\": ").append(f.options().dt()).append(",\n");
    out.append("  \"devices\": [");
    for (int i = 0; i < f.devices().size(); i++) {
      out.append(i == 0 ? "" : ", ").append(Json.string(f.devices().get(i)));
    }
    out.append("],\n  \"models\": [");
    for (int m = 0; m < models.size(); m++) {
      out.append(m == 0 ? "\n" : ",\n").append("    {");
      List<Object> record = f.records().get(m);
      for (int i = 0; i < f.fields().size(); i++) {
        out.append(i == 0 ? "" : ", ")
            .append(Json.string(f.fields().get(i)))
            .append(": ")
            .append(jsonValue(record.get(i)));
      }
      Object source = models.get(m).options().exampleData().map(ExampleData::source).orElse(null);
      out.append(", \"example_data\": ").append(jsonValue(source)).append('}');
    }
    out.append("\n  ],\n  \"warnings\": [");
    List<String> warnings =
        mixesAccounting()
            ? List.of("the models were estimated with different accounting modes")
            : List.of();
    for (int i = 0; i < warnings.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(Json.string(warnings.get(i)));
    }
    return out.append("]\n}\n").toString();
  }

  @Override
  public String toString() {
    return "Comparison" + names;
  }

  // ---- internals ----

  /** Everything a table or export shows, computed once per call. */
  private record Figures(
      SummaryOptions options,
      List<String> devices,
      List<String> skipped,
      List<String> fields,
      List<List<Object>> records,
      List<List<String>> table,
      List<List<String>> breakdown) {}

  /** {@return the timesteps per inference shared by every model, or empty if they differ} */
  private java.util.Optional<Integer> commonTimesteps(Figures f) {
    List<Integer> steps = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      steps.add(timesteps(m, x -> x.timingOf(f.options())));
    }
    return steps.stream().distinct().count() == 1
        ? java.util.Optional.of(steps.get(0))
        : java.util.Optional.empty();
  }

  private int index(int model) {
    if (model < 0 || model >= models.size()) {
      throw new IllegalArgumentException(
          "no model " + model + "; the models are 0 to " + (models.size() - 1) + ": " + names);
    }
    return model;
  }

  private Figures figures(UnaryOperator<SummaryOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    SummaryOptions o = configure.apply(SummaryOptions.DEFAULTS);
    UnaryOperator<SummaryOptions> timing = x -> x.timingOf(o);
    List<String> devices = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    chooseDevices(o, devices, skipped);
    int n = models.size();
    List<EnergyTotals> totals = new ArrayList<>();
    List<Map<String, Map<LayerKind, Double>>> byKind = new ArrayList<>();
    List<Map<String, Double>> joules = new ArrayList<>();
    for (int m = 0; m < n; m++) {
      totals.add(totals(m, timing));
      Map<String, Double> perDeviceTotal = new LinkedHashMap<>();
      for (String d : devices) {
        perDeviceTotal.put(d, energy(m, d, timing));
      }
      joules.add(perDeviceTotal);
      Map<String, Map<LayerKind, Double>> perDevice = new LinkedHashMap<>();
      for (String d : devices) {
        perDevice.put(d, energyByKind(m, d, timing));
      }
      byKind.add(perDevice);
    }
    Set<LayerKind> kinds = kinds();
    // Every kind, so the header is the same whichever models are compared.
    Set<LayerKind> allKinds = EnumSet.allOf(LayerKind.class);
    List<String> fields =
        new ArrayList<>(
            List.of("model", "accounting", "params", "storage_bytes", "connections", "neurons"));
    devices.forEach(d -> fields.add("energy_j_" + d));
    List.of("params", "connections", "neurons").forEach(q -> fields.add("reduction_percent_" + q));
    devices.forEach(d -> fields.add("reduction_percent_" + d));
    for (String d : devices) {
      allKinds.forEach(k -> fields.add("energy_j_" + d + "_" + k.label()));
    }
    fields.add("timesteps_per_inference");
    List<List<Object>> records = new ArrayList<>();
    EnergyTotals base = totals.get(0);
    for (int m = 0; m < n; m++) {
      EnergyTotals t = totals.get(m);
      List<Object> r =
          new ArrayList<>(
              List.of(
                  names.get(m),
                  accounting(m),
                  t.params(),
                  storageBytes(m),
                  t.connections(),
                  t.neurons()));
      for (String d : devices) {
        r.add(joules.get(m).get(d));
      }
      r.add(finite(reduction(base.params(), t.params())));
      r.add(finite(reduction(base.connections(), t.connections())));
      r.add(finite(reduction(base.neurons(), t.neurons())));
      for (String d : devices) {
        r.add(finite(reduction(joules.get(0).get(d), joules.get(m).get(d))));
      }
      for (String d : devices) {
        Map<LayerKind, Double> share = byKind.get(m).get(d);
        allKinds.forEach(k -> r.add(share.get(k)));
      }
      r.add((long) timesteps(m, timing));
      records.add(r);
    }
    return new Figures(
        o,
        List.copyOf(devices),
        List.copyOf(skipped),
        List.copyOf(fields),
        records,
        textTable(devices, totals, joules),
        textBreakdown(devices, kinds, byKind));
  }

  /**
   * The devices of the options' energy columns, or every built-in or user device each model can be
   * run on.
   */
  private void chooseDevices(SummaryOptions o, List<String> devices, List<String> skipped) {
    DeviceRegistry registry = DeviceRegistry.defaults();
    if (!o.columns().equals(SummaryOptions.DEFAULT_COLUMNS)) {
      for (String column : o.columns()) {
        Column c = Column.parse(column, registry);
        if (c.kind() == ColumnKind.ENERGY && !devices.contains(c.requireDevice().name())) {
          devices.add(c.requireDevice().name());
        }
      }
    }
    if (!devices.isEmpty()) {
      return;
    }
    boolean rates = models.stream().allMatch(e -> e.options().exampleData().isPresent());
    for (String name : ModelEnergy.defaultDevices()) {
      Device d = ModelEnergy.device(name);
      (d.spiking() && !rates ? skipped : devices).add(d.name());
    }
  }

  private List<List<String>> textTable(
      List<String> devices, List<EnergyTotals> totals, List<Map<String, Double>> joules) {
    List<List<String>> rows = new ArrayList<>();
    List<String> accounting = new ArrayList<>(List.of("Accounting"));
    for (int m = 0; m < models.size(); m++) {
      accounting.add(accounting(m));
      if (m > 0) {
        accounting.add("");
      }
    }
    rows.add(accounting);
    for (String d : devices) {
      rows.add(
          row(
              "J/inf (" + d + ")",
              joules.stream().map(j -> j.get(d)).toList(),
              ComparisonText::joules));
    }
    rows.add(countRow("Param #", totals.stream().map(EnergyTotals::params).toList()));
    rows.add(storageRow());
    rows.add(countRow("Conn #", totals.stream().map(EnergyTotals::connections).toList()));
    rows.add(countRow("Neuron #", totals.stream().map(EnergyTotals::neurons).toList()));
    return rows;
  }

  private List<String> storageRow() {
    List<String> row = new ArrayList<>(List.of("Storage (float32)"));
    long base = storageBytes(0);
    for (int m = 0; m < models.size(); m++) {
      row.add(MemorySize.keras(storageBytes(m)));
      if (m > 0) {
        row.add(ComparisonText.percent(reduction(base, storageBytes(m))));
      }
    }
    return row;
  }

  private static List<String> countRow(String label, List<Long> counts) {
    List<String> row = new ArrayList<>(List.of(label));
    for (int m = 0; m < counts.size(); m++) {
      row.add(Long.toString(counts.get(m)));
      if (m > 0) {
        row.add(ComparisonText.percent(reduction(counts.get(0), counts.get(m))));
      }
    }
    return row;
  }

  private static List<String> row(
      String label, List<Double> values, java.util.function.DoubleFunction<String> format) {
    List<String> row = new ArrayList<>(List.of(label));
    for (int m = 0; m < values.size(); m++) {
      row.add(format.apply(values.get(m)));
      if (m > 0) {
        row.add(ComparisonText.percent(reduction(values.get(0), values.get(m))));
      }
    }
    return row;
  }

  private List<List<String>> textBreakdown(
      List<String> devices,
      Set<LayerKind> kinds,
      List<Map<String, Map<LayerKind, Double>>> byKind) {
    List<List<String>> rows = new ArrayList<>();
    for (String d : devices) {
      for (LayerKind k : kinds) {
        List<String> row = new ArrayList<>(List.of(k.label() + " (" + d + ")"));
        for (Map<String, Map<LayerKind, Double>> perDevice : byKind) {
          double joules = perDevice.get(d).get(k);
          row.add(ComparisonText.joules(joules));
          row.add(ComparisonText.percent(100 * joules / total(perDevice.get(d))));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static double total(Map<LayerKind, Double> byKind) {
    double sum = 0;
    for (double joules : byKind.values()) {
      sum += joules;
    }
    return sum;
  }

  private static Double finite(double x) {
    return Double.isNaN(x) ? null : x;
  }

  private static void csvRecord(StringBuilder out, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ",");
      Object v = values.get(i);
      out.append(v == null ? "" : Csv.quote(v.toString()));
    }
    out.append('\n');
  }

  private static String jsonValue(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? d.toString() : "null";
    }
    if (v instanceof Number) {
      return v.toString();
    }
    return Json.string(v.toString());
  }

  static String accountingName(Accounting accounting) {
    return accounting.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
