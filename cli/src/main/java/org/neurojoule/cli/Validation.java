package org.neurojoule.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurojoule.device.Device;
import org.neurojoule.device.DeviceRegistry;
import org.neurojoule.measured.Measurement;

/**
 * Every row of a measurements file against three estimates: the reference model's on the nearest of
 * its devices, and the calibrated model's with the row's device refitted without that row (leave
 * one out) and without any row of that network on that device (leave one network out).
 */
final class Validation {
  /**
   * One row's figures.
   *
   * @param obs the row and its network's counts
   * @param referenceDevice the reference's device standing in for the measured one
   * @param reference the reference estimate, joules
   * @param leaveOneOut the calibrated estimate without the row; NaN where none other of its device
   * @param leaveNetworkOut the calibrated estimate without the row's network; NaN where none other
   * @param inSample the calibrated estimate fitted on every row of the device, the row included
   */
  record Row(
      TermFit.Observation obs,
      String referenceDevice,
      double reference,
      double leaveOneOut,
      double leaveNetworkOut,
      double inSample) {
    double measured() {
      return obs.row().joulesPerInference();
    }
  }

  /**
   * A summary of ratios.
   *
   * @param rows the rows counted
   * @param geometricMeanFactor exp(mean |ln ratio|)
   * @param within2 the share within 2x
   * @param within3 the share within 3x
   */
  record Summary(int rows, double geometricMeanFactor, double within2, double within3) {
    static Summary of(List<Double> ratios) {
      double sum = 0;
      int in2 = 0;
      int in3 = 0;
      for (double r : ratios) {
        double e = Math.abs(Math.log(r));
        sum += e;
        in2 += e <= Math.log(2) + 1e-12 ? 1 : 0;
        in3 += e <= Math.log(3) + 1e-12 ? 1 : 0;
      }
      int n = ratios.size();
      return n == 0
          ? new Summary(0, Double.NaN, Double.NaN, Double.NaN)
          : new Summary(n, Math.exp(sum / n), (double) in2 / n, (double) in3 / n);
    }

    String line(String what) {
      return String.format(
          Locale.ROOT,
          "%-34s %3d rows  geometric-mean error x%.2f  within 2x %5.1f %%  within 3x %5.1f %%",
          what,
          rows,
          geometricMeanFactor,
          100 * within2,
          100 * within3);
    }
  }

  private Validation() {}

  /** {@return the observations of {@code rows}, each with its network's counts} */
  static List<TermFit.Observation> observe(List<Measurement> rows, Path base) {
    Map<String, Workload> cache = new HashMap<>();
    List<TermFit.Observation> out = new ArrayList<>();
    for (Measurement m : rows) {
      out.add(new TermFit.Observation(m, Workload.of(m, base, cache)));
    }
    return out;
  }

  /** {@return the rows grouped by device and kind, in file order} */
  static Map<String, List<TermFit.Observation>> byGroup(List<TermFit.Observation> obs) {
    Map<String, List<TermFit.Observation>> out = new LinkedHashMap<>();
    obs.forEach(o -> out.computeIfAbsent(o.row().group(), g -> new ArrayList<>()).add(o));
    return out;
  }

  /** {@return every row's figures} */
  static List<Row> run(List<TermFit.Observation> obs) {
    Map<String, List<TermFit.Observation>> groups = byGroup(obs);
    Map<String, TermFit.Fit> full = new HashMap<>();
    groups.forEach((g, rows) -> full.put(g, TermFit.fit(rows)));
    List<Row> out = new ArrayList<>();
    for (TermFit.Observation o : obs) {
      List<TermFit.Observation> same = groups.get(o.row().group());
      List<TermFit.Observation> others = same.stream().filter(x -> x != o).toList();
      List<TermFit.Observation> otherNets =
          same.stream().filter(x -> !x.work().network().equals(o.work().network())).toList();
      double loo = others.isEmpty() ? Double.NaN : TermFit.fit(others).predict(o);
      double lono = otherNets.isEmpty() ? Double.NaN : TermFit.fit(otherNets).predict(o);
      String ref = referenceDevice(o.row().device());
      out.add(
          new Row(
              o,
              ref,
              reference(DeviceRegistry.defaults().get(ref), o.work()),
              loo,
              lono,
              full.get(o.row().group()).predict(o)));
    }
    return out;
  }

  /**
   * {@return the reference tool's device nearest to a measured one}: cpu for a Xeon, gpu for Nvidia
   * boards, loihi for Loihi chips, arm for the rest (Movidius and microcontrollers)
   */
  static String referenceDevice(String device) {
    String d = device.toLowerCase(Locale.ROOT);
    if (d.contains("xeon")) {
      return "cpu";
    }
    if (d.contains("quadro") || d.contains("jetson") || d.contains("orin")) {
      return "gpu";
    }
    if (d.contains("loihi")) {
      return "loihi";
    }
    return "arm";
  }

  /**
   * {@return the reference's rule on {@code device}}: one synaptic operation per connection and one
   * update per neuron (on a spiking device, one spike per connection and inference, since rates are
   * not published)
   */
  static double reference(Device device, Workload w) {
    return device.energyPerSynop() * w.operations() + device.energyPerNeuron() * w.neurons();
  }
}
