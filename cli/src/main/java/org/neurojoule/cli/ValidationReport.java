package org.neurojoule.cli;

import java.util.List;
import java.util.Locale;

/**
 * The validation as a self-contained HTML page: predicted against measured energy on log-log axes,
 * the reference and the calibrated (leave one out) estimates, the band within 2x shaded.
 */
final class ValidationReport {
  private static final int SIZE = 560;
  private static final int PAD = 60;

  private ValidationReport() {}

  /** {@return the page} */
  static String html(List<Validation.Row> rows) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Validation.Row r : rows) {
      for (double v : new double[] {r.measured(), r.reference(), r.leaveOneOut()}) {
        if (v > 0 && Double.isFinite(v)) {
          lo = Math.min(lo, Math.floor(Math.log10(v)));
          hi = Math.max(hi, Math.ceil(Math.log10(v)));
        }
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    Axis a = new Axis(lo, hi);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">",
            SIZE + 2 * PAD,
            SIZE + 2 * PAD));
    double f2 = Math.log10(2);
    svg.append(
        String.format(
            Locale.ROOT,
            "<polygon class=\"band\" fill=\"#dde8f5\" points=\"%s %s %s %s\"/>",
            a.point(lo, lo + f2),
            a.point(hi - f2, hi),
            a.point(hi, hi - f2),
            a.point(lo + f2, lo)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<line stroke=\"#888\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
            a.x(lo),
            a.y(lo),
            a.x(hi),
            a.y(hi)));
    for (int d = (int) lo; d <= (int) hi; d++) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">1e%d</text>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">1e%d</text>",
              a.x(d),
              SIZE + PAD + 18,
              d,
              PAD - 6,
              a.y(d) + 4,
              d));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">measured J per inference</text>"
                + "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">"
                + "estimated J per inference</text>",
            PAD + SIZE / 2,
            SIZE + PAD + 40,
            PAD + SIZE / 2,
            PAD + SIZE / 2));
    for (Validation.Row r : rows) {
      point(svg, a, r, r.reference(), "reference", "#d0632b");
      point(svg, a, r, r.leaveOneOut(), "calibrated", "#1f5fa8");
    }
    svg.append("</svg>");
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>NeuroJoule validation</title></head><body>"
        + "<h1>Estimates against measurements</h1>"
        + "<p>Each row of the measurements: the reference estimate (orange) and the calibrated"
        + " estimate with the device refitted without that row (blue); the shaded band is within"
        + " 2x of the measurement.</p>"
        + svg
        + "</body></html>\n";
  }

  private static void point(
      StringBuilder svg, Axis a, Validation.Row r, double estimate, String kind, String colour) {
    if (!(estimate > 0) || !Double.isFinite(estimate)) {
      return;
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" fill-opacity=\"0.7\">"
                + "<title>%s: measured %.3g J, %s %.3g J</title></circle>",
            kind,
            a.x(Math.log10(r.measured())),
            a.y(Math.log10(estimate)),
            colour,
            escape(r.obs().row().id()),
            r.measured(),
            kind,
            estimate));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** Decades {@code lo..hi} mapped onto the square plot. */
  private record Axis(double lo, double hi) {
    double x(double decade) {
      return PAD + (decade - lo) / (hi - lo) * SIZE;
    }

    double y(double decade) {
      return PAD + SIZE - (decade - lo) / (hi - lo) * SIZE;
    }

    String point(double dx, double dy) {
      return String.format(Locale.ROOT, "%.1f,%.1f", x(dx), y(dy));
    }
  }
}
