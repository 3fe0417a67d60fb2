package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The project's copy of the golden files is still the one in shared/golden, file for file. */
class GoldenCopyTest {

  @Test
  void projectCopy_isByteIdenticalToShared() throws IOException {
    Path shared = Golden.shared();
    assumeTrue(
        Files.isDirectory(shared),
        "no shared/golden beside the repository at " + shared + "; nothing to compare with");
    Path copy = Golden.projectCopy();

    assertWithMessage("files in " + copy)
        .that(names(copy))
        .containsExactlyElementsIn(names(shared));
    for (String name : names(shared)) {
      assertWithMessage(name + " differs from " + shared.resolve(name))
          .that(Files.readAllBytes(copy.resolve(name)))
          .isEqualTo(Files.readAllBytes(shared.resolve(name)));
    }
  }

  @Test
  void projectCopy_holdsTheFilesTheTestsRead() throws IOException {
    assertThat(names(Golden.projectCopy()))
        .containsAtLeast("README.md", "mnist_default.txt", "mnist_rates.json", "spiking_loihi.txt");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
