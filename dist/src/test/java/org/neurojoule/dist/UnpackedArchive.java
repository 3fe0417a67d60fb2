package org.neurojoule.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tar.gz archive unpacked once per test run into a temporary folder, with its own cache folder
 * for the launcher's class data sharing archive, and a way to run shell commands against it.
 */
final class UnpackedArchive {
  private static UnpackedArchive instance;

  private final Path base;
  private final Path home;
  private final Path cache;

  private UnpackedArchive(Path base) throws IOException, InterruptedException {
    this.base = base;
    Path into = Files.createDirectories(base.resolve("install"));
    Result tar =
        run(
            List.of("tar", "-xzf", Docs.archive().toString(), "-C", into.toString()),
            into,
            Map.of());
    if (tar.exitCode() != 0) {
      throw new IllegalStateException("tar could not unpack " + Docs.archive() + ": " + tar);
    }
    this.home = into.resolve("neurojoule-" + Docs.version());
    this.cache = Files.createDirectories(base.resolve("cache"));
  }

  /** The archive unpacked, once per JVM. */
  static synchronized UnpackedArchive get() {
    if (instance == null) {
      try {
        instance = new UnpackedArchive(Files.createTempDirectory("neurojoule-archive"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /** The unpacked installation, {@code neurojoule-<version>/}. */
  Path home() {
    return home;
  }

  /** The folder given to the launcher as XDG_CACHE_HOME. */
  Path cache() {
    return cache;
  }

  /** A new empty folder beside the installation. */
  Path newFolder(String prefix) throws IOException {
    return Files.createTempDirectory(base, prefix);
  }

  /** What a command printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit code " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
    }
  }

  /** Runs a shell script ({@code sh -c}) in a folder, the archive's bin/ first on the PATH. */
  Result sh(String script, Path workingDirectory) throws IOException, InterruptedException {
    String path = home.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return run(
        List.of("sh", "-c", script),
        workingDirectory,
        Map.of("PATH", path, "XDG_CACHE_HOME", cache.toString()));
  }

  /** Runs a command with extra environment variables; stdout and stderr go to files. */
  static Result run(List<String> command, Path workingDirectory, Map<String, String> env)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("neurojoule-out", ".txt");
    Path err = Files.createTempFile("neurojoule-err", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(new ArrayList<>(command))
              .directory(workingDirectory.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().putAll(env);
      String javaHome = System.getProperty("java.home");
      builder.environment().put("JAVA_HOME", javaHome);
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out after 10 minutes: " + command);
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
