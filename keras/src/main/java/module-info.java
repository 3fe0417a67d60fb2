/** NeuroJoule's Keras import: {@code .h5}, {@code .keras} and architecture JSON files. */
module org.neurojoule.keras {
  requires transitive org.neurojoule.runtime;
  requires io.jhdf;
  requires com.google.gson;
  requires static com.google.auto.service;

  exports org.neurojoule.keras;

  provides org.neurojoule.importing.ModelFormat with
      org.neurojoule.keras.internal.KerasFormat;
}
