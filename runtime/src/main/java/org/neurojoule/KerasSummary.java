package org.neurojoule;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.summary.KerasSummaryPrinter;

/** Feeds a model to the Keras-style summary printer. */
final class KerasSummary {
  private KerasSummary() {}

  static String of(Model model) {
    List<KerasSummaryPrinter.Row> rows = new ArrayList<>();
    for (Layer layer : model.layers()) {
      List<String> connectedTo = new ArrayList<>();
      for (Tensor node : model.applications(layer)) {
        for (Tensor in : node.inputs()) {
          int nodeIndex = model.nodeIndex(in);
          connectedTo.add(model.nameOf(in.layer()) + "[" + nodeIndex + "][0]");
        }
      }
      rows.add(
          new KerasSummaryPrinter.Row(
              model.nameOf(layer),
              layer.type(),
              model.printedShape(layer),
              model.params(layer).total(),
              connectedTo));
    }
    ParamCount p = model.params();
    return KerasSummaryPrinter.print(
        "model",
        rows,
        new KerasSummaryPrinter.Totals(p.total(), p.trainable(), p.nonTrainable()),
        model.isChain());
  }
}
