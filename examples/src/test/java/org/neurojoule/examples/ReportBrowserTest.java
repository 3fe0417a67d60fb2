package org.neurojoule.examples;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.Comparison;
import org.neurojoule.ReportOptions;
import org.neurojoule.layer.Accounting;

/**
 * VGG9's report, and its comparison with LCRM-VGG9, in a real browser: headless Chromium loads each
 * from disk, logs nothing on the console and renders charts. Skipped, saying so, when no {@code
 * chromium} is on the PATH ({@code .ci/run} installs it). With {@code -Dneurojoule.screenshot=PATH}
 * the screenshot is also copied there, as for the README's {@code docs/report-vgg9.png}.
 */
class ReportBrowserTest {
  private static final long TIMEOUT_SECONDS = 60;
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 1600;
  private static final int SYNOP_RGB = 0x4e79a7;
  private static final int NEURON_RGB = 0xf28e2b;

  private static Path chromium;

  @TempDir Path dir;

  /** What one browser run left: its log and its screenshot. */
  record Shot(List<String> log, BufferedImage image, Path png) {}

  @BeforeAll
  static void findChromium() {
    chromium = onPath("chromium").or(() -> onPath("chromium-browser")).orElse(null);
    assumeTrue(
        chromium != null,
        "no chromium or chromium-browser on the PATH: the browser test of the report is skipped"
            + " (.ci/run installs Debian's chromium)");
  }

  @Test
  void vgg9Report_loadsWithoutConsoleErrors_andDrawsItsCharts() throws Exception {
    Path html = dir.resolve("vgg9.html");
    Architectures.vgg9()
        .energy()
        .report(r -> r.title("VGG9").devices("cpu", "gpu").scale(ReportOptions.Scale.LOG))
        .writeHtml(html);
    Shot shot = screenshot(html);
    assertThat(shot.log().stream().filter(l -> l.contains(":CONSOLE")).toList()).isEmpty();
    assertThat(shot.image().getWidth()).isEqualTo(WIDTH);
    assertThat(shot.image().getHeight()).isEqualTo(HEIGHT);
    // The bars: the first chart (cpu) lies in the window; its synaptic parts fill thousands of
    // pixels, and on the log scale the activations' neuron parts show too.
    assertThat(count(shot.image(), SYNOP_RGB)).isAtLeast(20_000);
    assertThat(count(shot.image(), NEURON_RGB)).isAtLeast(1_000);
    String copy = System.getProperty("neurojoule.screenshot");
    if (copy != null && !copy.isBlank()) {
      Files.copy(shot.png(), Path.of(copy), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void vgg9VersusLcrmVgg9Report_loadsWithoutConsoleErrors_andDrawsItsCharts() throws Exception {
    Path html = dir.resolve("vgg9-vs-lcrm-vgg9.html");
    Comparison.of(
            Architectures.vgg9().energy(e -> e.accounting(Accounting.KERAS_SPIKING)),
            Architectures.lcrmVgg9().energy(e -> e.accounting(Accounting.KERAS_SPIKING)))
        .named("VGG9", "LCRM-VGG9")
        .report(r -> r.devices("cpu", "gpu"))
        .writeHtml(html);
    Shot shot = screenshot(html);
    assertThat(shot.log().stream().filter(l -> l.contains(":CONSOLE")).toList()).isEmpty();
    assertThat(shot.image().getWidth()).isEqualTo(WIDTH);
    // Two charts in the window, each two bars 14 px high, 620 px and 58 % of that long (the
    // reduction is 41.8 %): about 27,000 pixels of synaptic energy (neuron energy is 0.1 %).
    assertThat(count(shot.image(), SYNOP_RGB)).isAtLeast(20_000);
  }

  /** The check above can fail: a page with a script error leaves a console line in the log. */
  @Test
  void aScriptError_showsInTheLog() throws Exception {
    Path html = dir.resolve("broken.html");
    Files.writeString(
        html,
        "<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();"
            + "</script></body></html>",
        StandardCharsets.UTF_8);
    Shot shot = screenshot(html);
    assertThat(
            shot.log().stream()
                .filter(
                    l ->
                        l.contains(":CONSOLE")
                            && l.contains(
                                "Uncaught ReferenceError: undefinedFunction is not defined"))
                .count())
        .isEqualTo(1);
    assertThat(count(shot.image(), SYNOP_RGB)).isEqualTo(0);
  }

  private Shot screenshot(Path html) throws IOException, InterruptedException {
    Path png = dir.resolve(html.getFileName() + ".png");
    Path log = dir.resolve(html.getFileName() + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            chromium.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-extensions",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--user-data-dir=" + dir.resolve("profile-" + html.getFileName()),
            "--screenshot=" + png,
            "--window-size=" + WIDTH + "," + HEIGHT,
            html.toUri().toString());
    pb.redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    try {
      boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(done).isTrue();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(Files.exists(png)).isTrue();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    return new Shot(lines, image, png);
  }

  /** Pixels within a small distance of {@code rgb} (antialiasing blends the edges). */
  private static int count(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int c = image.getRGB(x, y);
        int d =
            Math.abs(((c >> 16) & 0xff) - ((rgb >> 16) & 0xff))
                + Math.abs(((c >> 8) & 0xff) - ((rgb >> 8) & 0xff))
                + Math.abs((c & 0xff) - (rgb & 0xff));
        if (d <= 12) {
          n++;
        }
      }
    }
    return n;
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String folder : path.split(File.pathSeparator)) {
      if (folder.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(folder, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
