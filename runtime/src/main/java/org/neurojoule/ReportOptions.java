package org.neurojoule;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ModelEnergy#report(java.util.function.UnaryOperator)} shows.
 *
 * @param summary the table's columns and the timesteps and dt of every figure (line length and
 *     warnings do not apply: the report shows every cell whole and always has its notes)
 * @param devices the devices charted, in order; empty for those of the table's energy columns, or
 *     {@code cpu} if it has none
 * @param scale the axis the charts show first (the page's buttons switch it)
 * @param title the page's title and heading
 */
public record ReportOptions(
    SummaryOptions summary, List<String> devices, Scale scale, String title) {

  /** The axis of the charts. */
  public enum Scale {
    /** Bar lengths proportional to energy. */
    LINEAR,
    /** Bar lengths proportional to the logarithm of energy, for layers far apart. */
    LOG
  }

  /** The default title. */
  public static final String DEFAULT_TITLE = "NeuroJoule energy report";

  /** The summary's defaults, the table's devices, a linear scale, the default title. */
  public static final ReportOptions DEFAULTS =
      new ReportOptions(SummaryOptions.DEFAULTS, List.of(), Scale.LINEAR, DEFAULT_TITLE);

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param summary the columns, timesteps per inference and dt
   * @param devices the devices charted (copied)
   * @param scale the axis shown first
   * @param title the page's title
   */
  public ReportOptions {
    Objects.requireNonNull(summary, "summary == null");
    Objects.requireNonNull(devices, "devices == null");
    for (int i = 0; i < devices.size(); i++) {
      Objects.requireNonNull(devices.get(i), "devices[" + i + "] == null");
    }
    devices = List.copyOf(devices);
    Objects.requireNonNull(scale, "scale == null");
    Objects.requireNonNull(title, "title == null");
  }

  /**
   * {@return a copy with these table columns}
   *
   * @param columns the column names, such as {@code "name"} or {@code "energy loihi"}
   */
  public ReportOptions columns(String... columns) {
    return new ReportOptions(summary.columns(columns), devices, scale, title);
  }

  /**
   * {@return a copy with this many timesteps per inference}
   *
   * @param timesteps the number of timesteps per inference
   */
  public ReportOptions timestepsPerInference(int timesteps) {
    return new ReportOptions(summary.timestepsPerInference(timesteps), devices, scale, title);
  }

  /**
   * {@return a copy with this timestep length, in seconds}
   *
   * @param dt the timestep in seconds
   */
  public ReportOptions dt(double dt) {
    return new ReportOptions(summary.dt(dt), devices, scale, title);
  }

  /**
   * {@return a copy whose columns, timesteps and dt are those of {@code summary}}
   *
   * @param summary summary options, such as those a summary was printed with
   */
  public ReportOptions summary(SummaryOptions summary) {
    return new ReportOptions(summary, devices, scale, title);
  }

  /**
   * {@return a copy charting these devices}
   *
   * @param devices device names, ignoring case
   */
  public ReportOptions devices(String... devices) {
    Objects.requireNonNull(devices, "devices == null");
    return new ReportOptions(summary, Arrays.asList(devices), scale, title);
  }

  /**
   * {@return a copy whose charts first show this scale}
   *
   * @param scale linear or log
   */
  public ReportOptions scale(Scale scale) {
    return new ReportOptions(summary, devices, scale, title);
  }

  /**
   * {@return a copy with this title}
   *
   * @param title the page's title and heading, such as the model's name
   */
  public ReportOptions title(String title) {
    return new ReportOptions(summary, devices, scale, title);
  }
}
