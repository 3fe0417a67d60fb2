package test;

import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;
import org.neurojoule.annotation.Normalization;

/** Keras' preprocessing Normalization with its default, two kept axes and none. */
@Network(name = "Normalized")
final class NormalizationLayers {
  @Input({4, 3}) NetworkLayer image;
  @Normalization NetworkLayer standard;
  @Normalization(axis = {1, -1}) NetworkLayer perEntry;
  @Normalization(axis = {}) NetworkLayer single;
}
