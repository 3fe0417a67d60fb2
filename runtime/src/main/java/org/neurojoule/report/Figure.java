package org.neurojoule.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The charts of a report as one standalone SVG figure, for a paper or slides: a title, a legend
 * (synaptic and neuron energy), then each chart under its heading, on one scale, with its own
 * style, so that it renders the same in a browser, Inkscape or LaTeX (through a converter).
 */
public final class Figure {
  private static final int MARGIN = 10;
  private static final int TITLE = 28;
  private static final int LEGEND = 22;
  private static final int HEADING = 24;

  /**
   * One chart and its heading.
   *
   * @param heading what the chart shows, such as {@code cpu: 1.49e-03 J per inference}
   * @param subject what a bar stands for: {@code layer} or {@code model}
   * @param device the device's name
   * @param bars the bars, top to bottom
   */
  public record Panel(String heading, String subject, String device, List<BarChart.Bar> bars) {
    /**
     * Copies the bars.
     *
     * @param heading the heading
     * @param subject layer or model
     * @param device the device
     * @param bars the bars
     */
    public Panel {
      Objects.requireNonNull(heading, "heading == null");
      Objects.requireNonNull(subject, "subject == null");
      Objects.requireNonNull(device, "device == null");
      bars = List.copyOf(bars);
    }
  }

  private Figure() {}

  /**
   * {@return the figure as a standalone SVG document}
   *
   * @param title the figure's title
   * @param scale {@code linear} or {@code log}: the axis every chart is drawn on
   * @param panels the charts, top to bottom
   */
  public static String svg(String title, String scale, List<Panel> panels) {
    Objects.requireNonNull(title, "title == null");
    if (!scale.equals("linear") && !scale.equals("log")) {
      throw new IllegalArgumentException("scale must be linear or log, was '" + scale + "'");
    }
    int width = BarChart.WIDTH;
    int height = MARGIN + TITLE + LEGEND;
    List<Integer> tops = new ArrayList<>();
    for (Panel p : panels) {
      width = Math.max(width, BarChart.width(p.bars()));
      tops.add(height + HEADING);
      height += HEADING + BarChart.height(p.bars());
    }
    height += MARGIN;
    String hidden = scale.equals("linear") ? "log" : "linear";
    Html h = new Html();
    h.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    h.open(
            "svg",
            "xmlns",
            "http://www.w3.org/2000/svg",
            "width",
            Integer.toString(width),
            "height",
            Integer.toString(height),
            "viewBox",
            "0 0 " + width + " " + height,
            "font-family",
            "sans-serif")
        .newline();
    h.element("title", title).newline();
    h.element(
            "style",
            "svg.chart { font-size: 11px; } .synop { fill: #4e79a7; } .neuron { fill: #f28e2b; }"
                + " .axis, .tick { stroke: #555; } .label, .value, .tick-label { fill: #333; }"
                + " .scale-"
                + hidden
                + " { display: none; }")
        .newline();
    h.empty("rect", "width", "100%", "height", "100%", "fill", "white").newline();
    h.element("text", title, "x", px(MARGIN), "y", px(MARGIN + 16), "font-size", "16").newline();
    int legendY = MARGIN + TITLE;
    h.empty(
        "rect", "class", "synop", "x", px(MARGIN), "y", px(legendY), "width", "12", "height", "12");
    h.element(
        "text", "synaptic energy", "x", px(MARGIN + 16), "y", px(legendY + 10), "font-size", "11");
    h.empty(
        "rect",
        "class",
        "neuron",
        "x",
        px(MARGIN + 130),
        "y",
        px(legendY),
        "width",
        "12",
        "height",
        "12");
    h.element(
            "text",
            "neuron energy",
            "x",
            px(MARGIN + 146),
            "y",
            px(legendY + 10),
            "font-size",
            "11")
        .newline();
    for (int i = 0; i < panels.size(); i++) {
      Panel p = panels.get(i);
      int top = tops.get(i);
      h.element("text", p.heading(), "x", px(MARGIN), "y", px(top - 6), "font-size", "13")
          .newline();
      h.open("g", "transform", "translate(0," + top + ")")
          .raw(BarChart.svg(p.device(), p.subject(), p.bars()))
          .close("g")
          .newline();
    }
    return h.close("svg").newline().toString();
  }

  private static String px(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
