/**
 * NeuroJoule's layer algebra: the layer annotations, the layer specifications with their shape
 * inference and statistics, and shapes. Pure Java, used by the annotation processor at compile time
 * and by the runtime, so that the two compute every figure the same way.
 */
module org.neurojoule.api {
  exports org.neurojoule.annotation;
  exports org.neurojoule.layer;
  exports org.neurojoule.shape;
}
