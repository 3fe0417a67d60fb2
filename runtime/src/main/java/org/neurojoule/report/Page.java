package org.neurojoule.report;

import java.util.Objects;

/**
 * The self-contained document around a report's sections: the XHTML root, an inline style and a
 * small inline script for the linear/log toggle. Nothing is fetched; the file opens offline, and
 * without the script the chosen scale still shows.
 */
public final class Page {
  /** The only script of a report: buttons with {@code data-scale} switch the charts' axis. */
  static final String SCRIPT =
      """
      document.querySelectorAll('button[data-scale]').forEach(function (button) {
        button.addEventListener('click', function () {
          document.body.setAttribute('data-scale', button.getAttribute('data-scale'));
        });
      });
      """;

  private static final String STYLE =
      """
      body { font-family: sans-serif; margin: 24px; color: #222; max-width: 1100px; }
      h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; } h3 { font-size: 15px; }
      table { border-collapse: collapse; font-size: 13px; }
      th, td { border: 1px solid #ccc; padding: 3px 8px; }
      th { background: #f0f0f0; text-align: left; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      dl.overview { display: grid; grid-template-columns: max-content auto; gap: 4px 16px; }
      dl.overview dt { font-weight: bold; } dl.overview dd { margin: 0; }
      svg.chart { font-size: 11px; display: block; }
      .synop { fill: #4e79a7; } .neuron { fill: #f28e2b; }
      .swatch { display: inline-block; width: 12px; height: 12px; vertical-align: middle; }
      .swatch.synop { background: #4e79a7; } .swatch.neuron { background: #f28e2b; }
      .axis, .tick { stroke: #555; } .label, .value, .tick-label { fill: #333; }
      body[data-scale="linear"] .scale-log { display: none; }
      body[data-scale="log"] .scale-linear { display: none; }
      button { margin-right: 6px; }
      ul.notes li { margin-bottom: 4px; }
      """;

  private Page() {}

  /**
   * {@return the whole document}
   *
   * @param title the page's title and heading, escaped
   * @param scale the scale shown first: {@code linear} or {@code log}
   * @param body the sections, built with {@link Html}
   */
  public static String document(String title, String scale, String body) {
    Objects.requireNonNull(body, "body == null");
    Html h = new Html();
    h.raw("<!DOCTYPE html>").newline();
    h.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en").newline();
    h.open("head").newline();
    h.empty("meta", "charset", "utf-8").newline();
    h.empty("meta", "name", "generator", "content", "NeuroJoule").newline();
    h.element("title", title).newline();
    h.open("style").raw("\n").raw(STYLE).close("style").newline();
    h.close("head").newline();
    h.open("body", "data-scale", scale).newline();
    h.element("h1", title).newline();
    h.raw(body);
    h.open("script").raw("\n").raw(SCRIPT).close("script").newline();
    h.close("body").newline();
    return h.close("html").newline().toString();
  }

  /** {@return the buttons that switch the charts between linear and log axes} */
  public static String scaleToggle() {
    return new Html()
        .open("p", "class", "toggle")
        .text("Scale: ")
        .element("button", "linear", "type", "button", "data-scale", "linear")
        .element("button", "log", "type", "button", "data-scale", "log")
        .text(" ")
        .element("span", "", "class", "swatch synop")
        .text(" synaptic energy ")
        .element("span", "", "class", "swatch neuron")
        .text(" neuron energy")
        .close("p")
        .newline()
        .toString();
  }
}
