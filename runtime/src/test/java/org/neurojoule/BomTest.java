package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM, which has no parent, stays at the project's version and pins the three libraries. */
class BomTest {
  private static final Pattern OWN_VERSION =
      Pattern.compile(
          "<artifactId>(neurojoule-(?:parent|bom))</artifactId>\\s*"
              + "<version>([^<]+)</version>");

  @Test
  void bom_hasTheParentsVersionAndManagesEveryLibrary() throws IOException {
    String parent = Files.readString(Golden.repositoryRoot().resolve("pom.xml"));
    String bom = Files.readString(Golden.repositoryRoot().resolve("bom/pom.xml"));

    assertThat(bom).doesNotContain("<parent>");
    assertThat(ownVersion(bom, "neurojoule-bom"))
        .isEqualTo(ownVersion(parent, "neurojoule-parent"));
    for (String artifact :
        new String[] {
          "neurojoule-api",
          "neurojoule-runtime",
          "neurojoule-processor",
          "neurojoule-keras",
          "neurojoule-onnx",
          "neurojoule-tflite",
          "neurojoule-nir",
          "neurojoule"
        }) {
      assertThat(bom)
          .containsMatch(
              "<artifactId>"
                  + artifact
                  + "</artifactId>\\s*"
                  + "<version>\\$\\{project.version}</version>");
    }
  }

  private static String ownVersion(String pom, String artifactId) {
    Matcher m = OWN_VERSION.matcher(pom);
    while (m.find()) {
      if (m.group(1).equals(artifactId)) {
        return m.group(2);
      }
    }
    throw new AssertionError("no version for " + artifactId);
  }
}
