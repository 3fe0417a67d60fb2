package org.neurojoule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A self-contained HTML report: one XHTML page with its style, charts (inline SVG) and a small
 * inline script, that opens without network access. The same estimate and options give the same
 * bytes. Get one with {@link ModelEnergy#report()}.
 */
public final class Report {
  private final String html;
  private final String svg;

  Report(String html, String svg) {
    this.html = Objects.requireNonNull(html, "html == null");
    this.svg = Objects.requireNonNull(svg, "svg == null");
  }

  /** {@return the page, as XHTML that is also HTML} */
  public String html() {
    return html;
  }

  /**
   * Writes the page to {@code path} in UTF-8, replacing the file if there is one.
   *
   * @param path the file to write, such as {@code Path.of("vgg9.html")}
   * @throws UncheckedIOException naming the file if it cannot be written
   */
  public void writeHtml(Path path) {
    Objects.requireNonNull(path, "path == null");
    try {
      Files.writeString(path, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to '" + path + "'", e);
    }
  }

  /**
   * {@return the report's charts as one standalone SVG figure, for a paper: the energy per layer
   * (or per model, in a comparison) on each chosen device, synaptic and neuron energy stacked, on
   * the report's scale, every label whole and every figure at full precision in its {@code title}}
   */
  public String svg() {
    return svg;
  }

  /**
   * Writes the {@link #svg() figure} to {@code path} in UTF-8, replacing the file if there is one.
   *
   * @param path the file to write, such as {@code Path.of("vgg9.svg")}
   * @throws UncheckedIOException naming the file if it cannot be written
   */
  public void writeSvg(Path path) {
    Objects.requireNonNull(path, "path == null");
    try {
      Files.writeString(path, svg, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the figure to '" + path + "'", e);
    }
  }

  @Override
  public String toString() {
    return "Report[" + html.length() + " characters]";
  }
}
