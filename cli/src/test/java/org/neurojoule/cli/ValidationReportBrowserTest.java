package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --report}'s chart in a real browser, as the examples' report is checked: headless
 * Chromium loads it from disk, logs nothing on the console and draws the 2x band and both series of
 * points. Skipped, saying so, when no {@code chromium} is on the PATH ({@code .ci/run} installs
 * it).
 */
class ValidationReportBrowserTest {
  private static final long TIMEOUT_SECONDS = 60;
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 1000;

  private static Path chromium;

  @TempDir Path dir;

  @BeforeAll
  static void findChromium() {
    chromium = onPath("chromium").or(() -> onPath("chromium-browser")).orElse(null);
    assumeTrue(
        chromium != null,
        "no chromium or chromium-browser on the PATH: the browser test of the validation report is"
            + " skipped (.ci/run installs Debian's chromium)");
  }

  @Test
  void validationReport_loadsWithoutConsoleErrors_andDrawsBandAndPoints() throws Exception {
    Path html = dir.resolve("validation.html");
    NeurojouleTest.Run r = NeurojouleTest.run("validate", "--report", html.toString());
    assertThat(r.code()).isEqualTo(0);
    Path png = dir.resolve("validation.png");
    List<String> log = screenshot(html, png);
    assertThat(log.stream().filter(l -> l.contains(":CONSOLE")).toList()).isEmpty();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    // The 2x band (#dde8f5) is a diagonal strip across the chart.
    assertThat(count(image, c -> near(c, 0xdde8f5, 6))).isAtLeast(10_000);
    // The points, 70 % opaque over white or the band: calibrated ones blue (#1f5fa8), reference
    // ones orange (#d0632b); 166 and 172 of them, many overlapping.
    assertThat(count(image, c -> blue(c) > red(c) + 60 && red(c) < 140)).isAtLeast(1_000);
    assertThat(count(image, c -> red(c) > green(c) + 50 && red(c) > blue(c) + 80)).isAtLeast(1_000);
  }

  @Test
  void aPageWithoutTheChart_failsTheCounts() throws Exception {
    // The pixel counts above can fail: a page without the chart has no band and no points.
    Path html =
        Files.writeString(
            dir.resolve("empty.html"),
            "<!DOCTYPE html><html><body><p>no chart</p></body></html>",
            StandardCharsets.UTF_8);
    Path png = dir.resolve("empty.png");
    screenshot(html, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(count(image, c -> near(c, 0xdde8f5, 6))).isEqualTo(0);
    assertThat(count(image, c -> blue(c) > red(c) + 60 && red(c) < 140)).isEqualTo(0);
  }

  private List<String> screenshot(Path html, Path png) throws Exception {
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
      assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(Files.exists(png)).isTrue();
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  private static int red(int c) {
    return (c >> 16) & 0xff;
  }

  private static int green(int c) {
    return (c >> 8) & 0xff;
  }

  private static int blue(int c) {
    return c & 0xff;
  }

  private static boolean near(int c, int rgb, int tolerance) {
    return Math.abs(red(c) - red(rgb))
            + Math.abs(green(c) - green(rgb))
            + Math.abs(blue(c) - blue(rgb))
        <= tolerance;
  }

  private static int count(BufferedImage image, IntPredicate pixel) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += pixel.test(image.getRGB(x, y)) ? 1 : 0;
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
      if (!folder.isEmpty()) {
        Path candidate = Path.of(folder, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
