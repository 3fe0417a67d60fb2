package org.neurojoule.nir;

import org.neurojoule.Tensor;
import org.neurojoule.layer.Delay;

/**
 * NIR nodes that keep each unit's NIR index: Delay and Threshold (a constant per unit) and Flatten
 * (of every dimension).
 */
final class UnitwiseNodes {
  static final NirNodeDescriptor DELAY =
      NirNodeDescriptor.of(
          "Delay",
          n ->
              n.same(
                  n.at()
                      .guard(
                          () ->
                              n.in()
                                  .tensor()
                                  .apply(
                                      Delay.of(n.perUnit("delay", n.at().numbers("delay")))
                                          .name(n.at().name())))),
          "delay");
  static final NirNodeDescriptor THRESHOLD =
      NirNodeDescriptor.of(
          "Threshold",
          n ->
              n.same(
                  n.at()
                      .guard(
                          () ->
                              n.in()
                                  .tensor()
                                  .threshold(
                                      n.perUnit("threshold", n.at().numbers("threshold")),
                                      t -> t.name(n.at().name())))),
          "threshold");
  static final NirNodeDescriptor FLATTEN =
      NirNodeDescriptor.of("Flatten", UnitwiseNodes::flatten, "start_dim", "end_dim", "input_type");

  private UnitwiseNodes() {}

  private static NirImporter.Out flatten(NodeInput n) {
    NodeContext at = n.at();
    int[] nir = n.in().nirShape();
    int start =
        at.optional("start_dim").isPresent() ? (int) at.numbers("start_dim").values()[0] : 1;
    int end = at.optional("end_dim").isPresent() ? (int) at.numbers("end_dim").values()[0] : -1;
    if (at.optional("input_type").isPresent()) {
      int[] declared = at.dims("input_type");
      if (Layout.count(declared) != Layout.count(nir)) {
        throw at.error(
            "input_type "
                + Layout.text(declared)
                + " does not match its input '"
                + n.from()
                + "', which gives "
                + Layout.text(nir));
      }
      int last = end < 0 ? declared.length + end : end;
      if (start != 0 || last != declared.length - 1) {
        throw at.error(
            "flattens dims "
                + start
                + " to "
                + end
                + " of "
                + Layout.text(declared)
                + "; only a flatten of every dimension is supported yet");
      }
    } else if ((start != 0 && start != 1) || end != -1) {
      throw at.error(
          "flattens dims "
              + start
              + " to "
              + end
              + "; only a flatten of every"
              + " dimension is supported yet");
    }
    Tensor t = at.guard(() -> n.in().tensor().flatten(f -> f.name(at.name())));
    // NeuroJoule flattens its channels-last layout, so each unit keeps its NIR index.
    return new NirImporter.Out(t, new int[] {n.in().units()}, n.in().order());
  }
}
