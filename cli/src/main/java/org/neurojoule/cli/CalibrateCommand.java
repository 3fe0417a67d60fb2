package org.neurojoule.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.neurojoule.device.CalibratedTerms;
import org.neurojoule.measured.Measurement;
import org.neurojoule.measured.Measurements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurojoule calibrate FILE.csv --output devices.json}: fits each measured device's terms
 * and writes them as a device file that {@code --devices} loads.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description =
        "Fits the calibrated terms of each device of a measurements file (relative error, terms"
            + " not negative) and writes a device file for --devices and --energy-model"
            + " calibrated.")
final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE.csv",
      description =
          "Measurements: id, device, batch, joules_per_inference, kind (dynamic or total), and a"
              + " model column naming a bundled model or a model file (or a published network).")
  Path file;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "FILE.json",
      description = "The device file to write.")
  Path output;

  @Option(
      names = "--terms",
      paramLabel = "TERMS",
      split = ",",
      description =
          "Fit exactly these terms, an error if the rows cannot determine one: overhead, layer,"
              + " operation. By default the richest of overhead+layer+operation,"
              + " overhead+operation and operation the rows determine; rows of three or more"
              + " networks take the one that best predicts each network from the others (the"
              + " terms left out are 0).")
  List<String> terms;

  @Option(names = "--verbose", description = "Print the stack trace of an error.")
  boolean verbose;

  @Override
  public Integer call() {
    List<Measurement> rows = Measurements.read(file);
    Path base = file.toAbsolutePath().getParent();
    Map<String, List<TermFit.Observation>> groups =
        Validation.byGroup(Validation.observe(rows, base));
    Set<String> devices = new LinkedHashSet<>();
    List<String> twoKinds = new ArrayList<>();
    for (List<TermFit.Observation> g : groups.values()) {
      if (!devices.add(g.get(0).row().device().toLowerCase(Locale.ROOT))) {
        twoKinds.add(g.get(0).row().device().toLowerCase(Locale.ROOT));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    StringBuilder json = new StringBuilder("{\"devices\": [\n");
    boolean first = true;
    for (List<TermFit.Observation> g : groups.values()) {
      TermFit.Fit fit = terms == null ? TermFit.fit(g) : TermFit.fitExactly(g, parseTerms());
      Measurement m = g.get(0).row();
      String name =
          twoKinds.contains(m.device().toLowerCase(Locale.ROOT))
              ? m.device() + "-" + m.kind().label()
              : m.device();
      json.append(first ? "  " : ",\n  ").append(entry(name, fit, g));
      first = false;
      out.printf(
          Locale.ROOT,
          "%s: %d rows, overhead %.3g J, per layer %.3g J (per batch), per operation %.3g J%s%n",
          name,
          g.size(),
          fit.terms().overhead(),
          fit.terms().perLayer(),
          fit.terms().perOperation(),
          leftAtZero(fit));
    }
    json.append("\n]}\n");
    try {
      Files.writeString(output, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(output + ": cannot be written", e);
    }
    out.println("wrote " + groups.size() + " devices to " + output);
    out.flush();
    return 0;
  }

  private Set<TermFit.Term> parseTerms() {
    Set<TermFit.Term> out = EnumSet.noneOf(TermFit.Term.class);
    for (String t : terms) {
      TermFit.Term found = null;
      for (TermFit.Term k : TermFit.Term.values()) {
        if (k.label.equalsIgnoreCase(t.strip())) {
          found = k;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "--terms: unknown term '" + t + "'; valid terms: overhead, layer, operation");
      }
      out.add(found);
    }
    return out;
  }

  /** {@return why terms were left at 0, or nothing when every term was fitted} */
  static String leftAtZero(TermFit.Fit fit) {
    List<String> undetermined = new ArrayList<>();
    List<String> notChosen = new ArrayList<>();
    for (TermFit.Term t : TermFit.Term.values()) {
      if (!fit.determined().contains(t)) {
        undetermined.add(t.label);
      } else if (!fit.fitted().contains(t)) {
        notChosen.add(t.label);
      }
    }
    StringBuilder s = new StringBuilder();
    if (!undetermined.isEmpty()) {
      s.append(" (not determined by the rows, left at 0: ")
          .append(String.join(", ", undetermined))
          .append(')');
    }
    if (!notChosen.isEmpty()) {
      s.append(" (each network left out is predicted better without them, left at 0: ")
          .append(String.join(", ", notChosen))
          .append(')');
    }
    return s.toString();
  }

  /** {@return one device file entry with the fitted terms} */
  static String entry(String name, TermFit.Fit fit, List<TermFit.Observation> rows) {
    CalibratedTerms t = fit.terms();
    Set<String> sources = new LinkedHashSet<>();
    rows.forEach(o -> sources.add(o.row().source()));
    sources.remove("");
    return String.format(
        Locale.ROOT,
        "{\"device\": %s, \"energy_per_synop_j\": %s, \"energy_per_neuron_j\": %s,"
            + " \"spiking\": false, \"kind\": \"measured\",%n   \"counts\": %s,%n"
            + "   \"source\": %s,%n   \"calibrated_overhead_j\": %s, \"calibrated_per_layer_j\": %s,"
            + " \"calibrated_per_operation_j\": %s, \"calibrated_per_neuron_update_j\": %s,"
            + " \"calibrated_covers\": \"%s\"}",
        quote(name),
        num(t.perOperation()),
        num(t.perNeuronUpdate()),
        quote(
            "fitted on "
                + rows.size()
                + " measured rows ("
                + t.covers().label()
                + " energy): per batch "
                + num(t.overhead())
                + " J plus "
                + num(t.perLayer())
                + " J per layer, "
                + num(t.perOperation())
                + " J per MAC or synaptic operation"),
        quote(String.join("; ", sources)),
        num(t.overhead()),
        num(t.perLayer()),
        num(t.perOperation()),
        num(t.perNeuronUpdate()),
        t.covers().label());
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.7g", v).replace("e+", "e");
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
