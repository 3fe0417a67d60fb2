package org.neurojoule.engine;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.EnergyOptions;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.shape.Shape;

/**
 * The outputs of a forward pass over example data, for {@link Model#predict}: the same streaming
 * pass as the firing rates (mini-batches of {@link EnergyOptions#DEFAULT_BATCH_SIZE}), keeping the
 * model outputs' values instead of their sums.
 */
public final class Predictions {
  private Predictions() {}

  /**
   * {@return each output of {@code model} on {@code data}, in the order of {@link Model#outputs()},
   * batch first}
   *
   * @param model the model, with its weights
   * @param data the inputs, batch first
   * @throws IllegalArgumentException naming the data and the input if the data does not fit the
   *     model, or naming the layer if running it fails or the outputs would not fit in memory
   */
  public static List<ExampleData> of(Model model, ExampleData data) {
    return of(model, data, EnergyOptions.DEFAULT_BATCH_SIZE, Gemm.best());
  }

  static List<ExampleData> of(Model model, ExampleData data, int batchSize, Gemm gemm) {
    int[] example = FiringRates.fit(model, data);
    int total = data.batchSize();
    int maxN = Math.max(1, Math.min(batchSize, total));
    try (Forward f = new Forward(model, example, maxN, gemm)) {
      List<Tensor> outputs = model.outputs();
      List<float[]> values = new ArrayList<>();
      List<int[]> shapes = new ArrayList<>();
      for (Tensor t : outputs) {
        int[] one = f.exampleShape(t);
        int[] shape = new int[one.length + 1];
        shape[0] = total;
        System.arraycopy(one, 0, shape, 1, one.length);
        shapes.add(shape);
        values.add(
            Buffers.floats(
                Buffers.times(total, Buffers.prod(one, 0, one.length)),
                "the predictions of output '"
                    + model.nameOf(t.layer())
                    + "' for "
                    + total
                    + " examples of "
                    + Shape.of(one).toKerasString()));
      }
      for (int first = 0; first < total; first += maxN) {
        int n = Math.min(maxN, total - first);
        data.copyExamples(first, n, f.inputBuffer(), 0);
        f.run(n, first);
        for (int i = 0; i < outputs.size(); i++) {
          f.copyOutput(outputs.get(i), n, values.get(i), first);
        }
      }
      List<ExampleData> out = new ArrayList<>();
      for (int i = 0; i < outputs.size(); i++) {
        out.add(ExampleData.of(values.get(i), shapes.get(i)));
      }
      return List.copyOf(out);
    }
  }
}
