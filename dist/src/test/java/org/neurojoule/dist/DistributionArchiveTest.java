package org.neurojoule.dist;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The archive unpacks into a runnable tool that needs nothing but a JDK, from any directory. */
class DistributionArchiveTest {
  private static final String MNIST_TOTAL =
      "Total energy per inference [Joules/inf] (cpu): 1.49e-03";

  @Test
  void archiveHoldsTheLauncherTheLibrariesTheLicenceAndTheDocs() throws IOException {
    Path home = UnpackedArchive.get().home();
    assertThat(Files.isExecutable(home.resolve("bin/neurojoule"))).isTrue();
    assertThat(Files.isRegularFile(home.resolve("bin/neurojoule.bat"))).isTrue();
    assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License");
    assertThat(Files.readString(home.resolve("NOTICE"))).contains("NeuroJoule");
    assertThat(Files.readString(home.resolve("licenses/LGPL-2.1.txt")))
        .contains("GNU LESSER GENERAL PUBLIC LICENSE");
    assertThat(Files.isRegularFile(home.resolve("README.md"))).isTrue();
    assertThat(Files.isRegularFile(home.resolve("docs/licences.md"))).isTrue();
    assertThat(Files.isRegularFile(home.resolve("docs/cli.md"))).isTrue();
    try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
      assertThat(lib.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .containsExactly("neurojoule.jar");
    }
  }

  @Test
  void zipHoldsTheSameFilesAsTheTarball() throws IOException {
    Path home = UnpackedArchive.get().home();
    Set<String> unpacked = new TreeSet<>();
    try (Stream<Path> files = Files.walk(home)) {
      files
          .filter(Files::isRegularFile)
          .forEach(p -> unpacked.add(home.getParent().relativize(p).toString()));
    }
    Set<String> zipped = new TreeSet<>();
    try (ZipFile zip = new ZipFile(Docs.zip().toFile())) {
      zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).forEach(zipped::add);
    }
    assertThat(zipped).containsExactlyElementsIn(unpacked);
  }

  @Test
  void launcherRunsFromAnotherDirectoryAndLaterStartsUseTheSharingArchive() throws Exception {
    UnpackedArchive archive = UnpackedArchive.get();
    Path elsewhere = archive.newFolder("elsewhere");
    Path cache = archive.newFolder("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    String launcher = archive.home().resolve("bin/neurojoule").toString();

    UnpackedArchive.Result first =
        UnpackedArchive.run(List.of(launcher, "summary", "mnist"), elsewhere, env);
    assertWithMessage(first.toString()).that(first.exitCode()).isEqualTo(0);
    assertThat(first.stdout()).startsWith("Layer (type)");
    assertThat(first.stdout()).contains(MNIST_TOTAL);
    assertThat(first.stderr()).contains("writing a class data sharing archive");
    try (Stream<Path> files = Files.list(cache.resolve("neurojoule"))) {
      assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .hasSize(1);
    }

    UnpackedArchive.Result again =
        UnpackedArchive.run(List.of(launcher, "summary", "mnist"), elsewhere, env);
    assertWithMessage(again.toString()).that(again.exitCode()).isEqualTo(0);
    assertThat(again.stdout()).isEqualTo(first.stdout());
    assertThat(again.stderr()).isEmpty();

    UnpackedArchive.Result version =
        UnpackedArchive.run(List.of(launcher, "--version"), elsewhere, env);
    assertWithMessage(version.toString()).that(version.exitCode()).isEqualTo(0);
    assertThat(version.stdout()).contains(Docs.version());

    try (Stream<Path> left = Files.list(elsewhere)) {
      assertThat(left.collect(Collectors.toList())).isEmpty();
    }
  }

  @Test
  void launcherWithoutTheSharingArchiveGivesTheSameOutput() throws Exception {
    UnpackedArchive archive = UnpackedArchive.get();
    Path elsewhere = archive.newFolder("plain");
    UnpackedArchive.Result plain =
        UnpackedArchive.run(
            List.of(archive.home().resolve("bin/neurojoule").toString(), "summary", "mnist"),
            elsewhere,
            Map.of("NEUROJOULE_CDS", "0"));
    assertWithMessage(plain.toString()).that(plain.exitCode()).isEqualTo(0);
    assertThat(plain.stdout()).contains(MNIST_TOTAL);
    assertThat(plain.stderr()).isEmpty();
  }
}
