package test;

import org.neurojoule.annotation.Average;
import org.neurojoule.annotation.Dense;
import org.neurojoule.annotation.ELU;
import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.Maximum;
import org.neurojoule.annotation.Minimum;
import org.neurojoule.annotation.Multiply;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;
import org.neurojoule.annotation.Permute;
import org.neurojoule.annotation.RepeatVector;
import org.neurojoule.annotation.Rescaling;
import org.neurojoule.annotation.Softmax;
import org.neurojoule.annotation.Subtract;

/** The merges, Softmax, ELU, Permute, RepeatVector and Rescaling, with non-default attributes. */
@Network(name = "Weightless")
final class WeightlessLayers {
  @Input({8}) NetworkLayer features;
  @Rescaling(scale = 0.5, offset = 1) NetworkLayer scaled;
  @Dense(units = 8) NetworkLayer dense;
  @Multiply(from = {"scaled", "dense"}) NetworkLayer product;
  @Subtract(from = {"product", "dense"}) NetworkLayer difference;
  @Average(from = {"product", "difference", "scaled"}) NetworkLayer mean;
  @Maximum(from = {"mean", "dense"}) NetworkLayer larger;
  @Minimum(from = {"larger", "scaled"}) NetworkLayer smaller;
  @ELU(alpha = 0.5) NetworkLayer elu;
  @RepeatVector(n = 3) NetworkLayer repeated;
  @Permute(dims = {2, 1}) NetworkLayer swapped;
  @Softmax NetworkLayer probabilities;
}
