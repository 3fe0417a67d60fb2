/** NeuroJoule's NIR import: {@code .nir} graphs (HDF5) of spiking networks. */
module org.neurojoule.nir {
  requires transitive org.neurojoule.runtime;
  requires io.jhdf;
  requires static com.google.auto.service;

  exports org.neurojoule.nir;

  provides org.neurojoule.importing.ModelFormat with
      org.neurojoule.nir.internal.NirFormat;
}
