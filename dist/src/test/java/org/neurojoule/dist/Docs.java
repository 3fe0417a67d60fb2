package org.neurojoule.dist;

import java.nio.file.Path;

/** Where the tests find the repository and the archive the build made. */
final class Docs {
  private Docs() {}

  /** The repository's root folder (the parent of the dist module). */
  static Path root() {
    String root = System.getProperty("neurojoule.root");
    Path path = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return path.toAbsolutePath().normalize();
  }

  /** The tar.gz archive that this module's package phase built. */
  static Path archive() {
    return Path.of(required("neurojoule.archive"));
  }

  /** The zip archive that this module's package phase built. */
  static Path zip() {
    return Path.of(required("neurojoule.zip"));
  }

  /** The project's version. */
  static String version() {
    return required("neurojoule.version");
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set; run the tests through Maven (mvn verify)");
    }
    return value;
  }
}
