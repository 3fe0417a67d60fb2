package org.neurojoule.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.neurojoule.Dtype;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Report;
import org.neurojoule.SummaryOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurojoule summary MODEL}: the energy table of one model, or its CSV or JSON; with {@code
 * --report FILE}, its HTML report too.
 */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = "Prints the energy summary of a model, as KerasSpiking's ModelEnergy does.")
final class SummaryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "MODEL",
      description =
          "A bundled model (mnist, vgg9, lcrm-vgg9, alexnet, lcrm-alexnet) or a model" + " file.")
  String model;

  @Option(
      names = "--columns",
      paramLabel = "COLUMN",
      split = ",",
      description =
          "Columns, comma separated: name, output_shape, params, connections, neurons,"
              + " rate, energy <device>, synop_energy <device>, neuron_energy <device>, sparsity,"
              + " weight_sparsity, footprint, dtype, dense_ops, effective_macs, effective_acs, spikes,"
              + " synaptic_events, sim_energy <device> (default:"
              + " name,output_shape,params,connections,neurons,energy cpu; for a quantized model"
              + " those and dtype,footprint; for a simulated model"
              + " name,output_shape,spikes,synaptic_events,energy loihi,sim_energy loihi).")
  List<String> columns = SummaryOptions.DEFAULT_COLUMNS;

  @Option(
      names = "--footprint-dtype",
      paramLabel = "DTYPE",
      converter = Converters.DtypeConverter.class,
      description =
          "Count every parameter of the footprint column in this format (default: each weight"
              + " array in the format it is stored in, float32 unless the model is quantized).")
  Dtype footprintDtype;

  @Option(
      names = "--line-length",
      paramLabel = "N|auto",
      defaultValue = "auto",
      converter = Converters.LineLengthConverter.class,
      description =
          "Width of the text table (default: ${DEFAULT-VALUE}, which fits every cell"
              + " without cutting); 98 reproduces KerasSpiking's table exactly.")
  int lineLength;

  @Option(
      names = "--notes",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Print the reference's notes on the estimate's assumptions below the text"
              + " table, as the library's summary does (default); --no-notes leaves them out.")
  boolean notes;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description =
          "Also write a self-contained HTML report (charts of energy per layer for the"
              + " devices of the energy columns, the table with full-precision figures) to FILE.")
  Path report;

  @Option(
      names = "--plot",
      paramLabel = "FILE.svg",
      description =
          "Also write the report's charts of energy per layer, one per device of the energy"
              + " columns, as one SVG figure to FILE.")
  Path plot;

  @Mixin EstimateOptions estimate;

  /**
   * The default columns of a quantized model: the reference's, then each layer's stored formats and
   * the bytes they take, since that is what a model stored in fewer bits changes.
   */
  static final List<String> QUANTIZED_COLUMNS =
      Stream.concat(SummaryOptions.DEFAULT_COLUMNS.stream(), Stream.of("dtype", "footprint"))
          .toList();

  /** The default columns of a simulated model: counted spikes and events beside the rates. */
  static final List<String> SIMULATED_COLUMNS =
      List.of(
          "name", "output_shape", "spikes", "synaptic_events", "energy loihi", "sim_energy loihi");

  /** {@return the columns shown when --columns is not given, for this model} */
  private static List<String> defaults(ModelEnergy energy) {
    if (energy.spikeCounts().isPresent()) {
      return SIMULATED_COLUMNS;
    }
    boolean quantized =
        energy.model().layers().stream()
            .flatMap(l -> l.precision().stream())
            .anyMatch(p -> !p.isFloat32());
    return quantized ? QUANTIZED_COLUMNS : SummaryOptions.DEFAULT_COLUMNS;
  }

  @SuppressWarnings("try") // the warning log needs only to be open, never named
  @Override
  public Integer call() {
    estimate.check();
    columns.forEach(estimate::checkDeviceColumn);
    try (WarningLog log = WarningLog.to(spec.commandLine().getErr(), estimate.quiet)) {
      ModelEnergy energy = estimate.estimate(model);
      List<String> shown = columns == SummaryOptions.DEFAULT_COLUMNS ? defaults(energy) : columns;
      UnaryOperator<SummaryOptions> options =
          o ->
              estimate
                  .timing()
                  .apply(o)
                  .columns(shown.toArray(String[]::new))
                  .footprintDtype(Optional.ofNullable(footprintDtype));
      if (report != null || plot != null) {
        // Written first, so a file that cannot be written fails before anything is printed.
        Report r = energy.report(o -> o.summary(options.apply(o.summary())));
        OutputFiles.write(report, r::writeHtml);
        OutputFiles.write(plot, r::writeSvg);
      }
      String out =
          switch (estimate.format) {
            case TEXT ->
                energy.summaryString(
                    o -> options.apply(o).lineLength(lineLength).printWarnings(notes));
            case CSV -> energy.toCsv(options);
            case JSON -> energy.toJson(options);
            case MARKDOWN -> energy.toMarkdown(o -> options.apply(o).printWarnings(notes));
            case LATEX -> energy.toLatex(o -> options.apply(o).printWarnings(notes));
          };
      spec.commandLine().getOut().print(out);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
