package org.neurojoule.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.neurojoule.energy.PythonFormat;

/**
 * The energy per layer (or per model, in a comparison) on one device as an inline SVG chart: one
 * horizontal bar per layer, synaptic energy then neuron energy stacked. It is drawn on a linear and
 * on a log axis, in the groups {@code scale-linear} and {@code scale-log}; the page's style shows
 * one of them. Each bar carries its figures at full precision in {@code data-synop} and {@code
 * data-neuron}.
 */
public final class BarChart {
  /** The width of a chart whose labels fit the default label area, in pixels. */
  public static final int WIDTH = 1000;

  private static final int LABEL_WIDTH = 230;
  private static final int BAR_LEFT = 240;
  private static final int BAR_WIDTH = 620;
  private static final int RIGHT_MARGIN = WIDTH - BAR_LEFT - BAR_WIDTH;

  /** The advance of a label's character at the chart's font size, generously, in pixels. */
  private static final double CHAR_WIDTH = 7.2;

  private static final int ROW = 20;
  private static final int BAR = 14;
  private static final int TOP = 8;
  private static final int AXIS = 40;

  /**
   * One bar.
   *
   * @param label the layer's (or model's) name
   * @param synop its synaptic energy, joules
   * @param neuron its neuron energy, joules
   */
  public record Bar(String label, double synop, double neuron) {
    /**
     * Checks the figures: a chart of a NaN or negative energy would mislead.
     *
     * @param label the layer's (or model's) name
     * @param synop its synaptic energy
     * @param neuron its neuron energy
     */
    public Bar {
      Objects.requireNonNull(label, "label == null");
      if (!(synop >= 0 && neuron >= 0 && Double.isFinite(synop + neuron))) {
        throw new IllegalArgumentException(
            "the energy of '"
                + label
                + "' is not a finite"
                + " number >= 0: synaptic "
                + synop
                + " J, neuron "
                + neuron
                + " J");
      }
    }

    /** {@return synaptic plus neuron energy} */
    public double total() {
      return synop + neuron;
    }
  }

  private BarChart() {}

  /**
   * {@return the height of the chart of {@code bars}, in pixels}
   *
   * @param bars the bars
   */
  public static int height(List<Bar> bars) {
    return TOP + bars.size() * ROW + AXIS;
  }

  /**
   * {@return the width of the chart of {@code bars}, in pixels: wider than {@link #WIDTH} when a
   * label needs it}
   *
   * @param bars the bars
   */
  public static int width(List<Bar> bars) {
    return barLeft(bars) + BAR_WIDTH + RIGHT_MARGIN;
  }

  /** Where bars start: after the label area, which grows with the longest label. */
  private static int barLeft(List<Bar> bars) {
    int longest = bars.stream().mapToInt(b -> b.label().length()).max().orElse(0);
    return Math.max(LABEL_WIDTH, (int) Math.ceil(longest * CHAR_WIDTH)) + BAR_LEFT - LABEL_WIDTH;
  }

  /**
   * {@return the SVG element}
   *
   * @param device the device's name, for the chart's title and {@code data-device}
   * @param bars the bars, top to bottom
   */
  public static String svg(String device, List<Bar> bars) {
    return svg(device, "layer", bars);
  }

  /**
   * {@return the SVG element, its bars labelled as {@code subject}s}
   *
   * @param device the device's name, for the chart's title and {@code data-device}
   * @param subject what a bar stands for: {@code layer} or {@code model}; each bar's label is in
   *     its {@code data-<subject>} attribute
   * @param bars the bars, top to bottom
   */
  public static String svg(String device, String subject, List<Bar> bars) {
    Objects.requireNonNull(device, "device == null");
    if (!subject.matches("[a-z]+")) {
      throw new IllegalArgumentException("subject must be a lower-case word: '" + subject + "'");
    }
    int height = height(bars);
    // The label area grows with the longest label, so that no label is ever cut.
    int barLeft = barLeft(bars);
    int labelWidth = barLeft - (BAR_LEFT - LABEL_WIDTH);
    int width = width(bars);
    Html h = new Html();
    h.open(
            "svg",
            "xmlns",
            "http://www.w3.org/2000/svg",
            "class",
            "chart",
            "data-device",
            device,
            "width",
            Integer.toString(width),
            "height",
            Integer.toString(height),
            "viewBox",
            "0 0 " + width + " " + height,
            "role",
            "img",
            "aria-label",
            "energy per " + subject + " on " + device)
        .newline();
    h.element("title", "Energy per " + subject + " and inference on " + device + " (J)").newline();
    double max = bars.stream().mapToDouble(Bar::total).max().orElse(0);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      h.open(
              "text",
              "class",
              "label",
              "x",
              Integer.toString(labelWidth),
              "y",
              px(TOP + i * ROW + BAR - 2),
              "text-anchor",
              "end")
          .element("title", bar.label())
          .text(bar.label())
          .close("text");
      h.open(
              "text",
              "class",
              "value",
              "x",
              Integer.toString(barLeft + BAR_WIDTH + 8),
              "y",
              px(TOP + i * ROW + BAR - 2))
          .element("title", bar.total() + " J")
          .text(PythonFormat.g2(bar.total()))
          .close("text")
          .newline();
    }
    h.raw(scale("linear", subject, bars, new Linear(max), barLeft)).newline();
    h.raw(scale("log", subject, bars, Log.of(bars), barLeft)).newline();
    return h.close("svg").toString();
  }

  /** Where a value lies on the bar area, from 0 to {@link #BAR_WIDTH}. */
  private interface Axis {
    double position(double value);

    List<Double> ticks();
  }

  private record Linear(double max) implements Axis {
    @Override
    public double position(double value) {
      return max > 0 ? value / max * BAR_WIDTH : 0;
    }

    @Override
    public List<Double> ticks() {
      List<Double> ticks = new ArrayList<>();
      if (max <= 0) {
        ticks.add(0.0);
        return ticks;
      }
      double raw = max / 4;
      double step = Math.pow(10, Math.floor(Math.log10(raw)));
      step *= raw / step >= 5 ? 5 : raw / step >= 2 ? 2 : 1;
      for (int k = 0; k * step <= max * (1 + 1e-9); k++) {
        ticks.add(k * step);
      }
      return ticks;
    }
  }

  /** Decades from below the smallest positive total to above the largest. */
  private record Log(int low, int high) implements Axis {
    static Log of(List<Bar> bars) {
      double min = bars.stream().mapToDouble(Bar::total).filter(t -> t > 0).min().orElse(1);
      double max = bars.stream().mapToDouble(Bar::total).max().orElse(1);
      int low = (int) Math.floor(Math.log10(min));
      int high = Math.max(low + 1, (int) Math.ceil(Math.log10(max)));
      return new Log(low, high);
    }

    @Override
    public double position(double value) {
      return value > 0 ? (Math.log10(value) - low) / (high - low) * BAR_WIDTH : 0;
    }

    @Override
    public List<Double> ticks() {
      List<Double> ticks = new ArrayList<>();
      int every = Math.max(1, (high - low + 11) / 12); // at most a dozen labels
      for (int k = low; k <= high; k += every) {
        ticks.add(Math.pow(10, k));
      }
      return ticks;
    }
  }

  /**
   * The bars and the axis on one scale. On a log axis the bar's length is its total's and the two
   * parts divide it in proportion to their energies.
   */
  private static String scale(String name, String subject, List<Bar> bars, Axis axis, int barLeft) {
    Html h = new Html().open("g", "class", "scale-" + name);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double length = axis.position(bar.total());
      double synop = bar.total() > 0 ? length * (bar.synop() / bar.total()) : 0;
      String y = px(TOP + i * ROW);
      h.open(
          "g",
          "class",
          "bar",
          "data-" + subject,
          bar.label(),
          "data-synop",
          Double.toString(bar.synop()),
          "data-neuron",
          Double.toString(bar.neuron()));
      h.open("title")
          .text(bar.label() + ": synaptic " + bar.synop() + " J, neuron " + bar.neuron() + " J")
          .close("title");
      h.empty(
          "rect",
          "class",
          "synop",
          "x",
          px(barLeft),
          "y",
          y,
          "width",
          px(synop),
          "height",
          Integer.toString(BAR));
      h.empty(
          "rect",
          "class",
          "neuron",
          "x",
          px(barLeft + synop),
          "y",
          y,
          "width",
          px(length - synop),
          "height",
          Integer.toString(BAR));
      h.close("g").newline();
    }
    int axisY = TOP + bars.size() * ROW + 4;
    h.empty(
        "line",
        "class",
        "axis",
        "x1",
        px(barLeft),
        "y1",
        px(axisY),
        "x2",
        px(barLeft + BAR_WIDTH),
        "y2",
        px(axisY));
    for (double tick : axis.ticks()) {
      String x = px(barLeft + axis.position(tick));
      h.empty("line", "class", "tick", "x1", x, "y1", px(axisY), "x2", x, "y2", px(axisY + 5));
      h.element(
          "text",
          PythonFormat.g2(tick),
          "class",
          "tick-label",
          "x",
          x,
          "y",
          px(axisY + 18),
          "text-anchor",
          "middle");
    }
    h.element(
        "text",
        "J per inference (" + name + " scale)",
        "class",
        "axis-label",
        "x",
        px(barLeft + BAR_WIDTH / 2.0),
        "y",
        px(axisY + 34),
        "text-anchor",
        "middle");
    return h.close("g").toString();
  }

  private static String px(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
