package org.neurojoule.importing;

/**
 * Keeps SLF4J's own start-up reports quiet for an application that has no SLF4J provider. The HDF5
 * reader of the Keras and NIR importers logs through SLF4J; without a provider SLF4J prints three
 * lines ({@code SLF4J(W): No SLF4J providers were found ...}) on the first file read, although
 * nothing is lost: it then logs nothing, as intended. This lowers SLF4J's internal verbosity (its
 * reports about itself, never any log message) to errors, unless the application chose one with the
 * system property {@code slf4j.internal.verbosity}. No logging backend is forced on anyone: an
 * application with a provider logs exactly as before.
 */
public final class QuietSlf4j {
  /** The system property SLF4J reads for the verbosity of its own reports. */
  public static final String VERBOSITY = "slf4j.internal.verbosity";

  private QuietSlf4j() {}

  /** Sets SLF4J's internal verbosity to {@code ERROR} unless the application set it. */
  public static void unlessConfigured() {
    try {
      if (System.getProperty(VERBOSITY) == null) {
        System.setProperty(VERBOSITY, "ERROR");
      }
    } catch (SecurityException e) {
      // Not allowed to: SLF4J then reports as it would have.
    }
  }
}
