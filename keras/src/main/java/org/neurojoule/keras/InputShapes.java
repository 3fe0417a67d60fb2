package org.neurojoule.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.neurojoule.KerasImportException;
import org.neurojoule.shape.Shape;

/**
 * Input shapes given by the user for a model saved with undefined dimensions, such as {@code (None,
 * None, None, 3)}: one for a single-input model, or one per input layer by name. A given {@code -1}
 * ({@link Shape#NONE}) keeps the file's dimension, so a leading time axis can stay undefined; every
 * other given dimension must equal the file's wherever the file defines it.
 */
final class InputShapes {
  static final InputShapes NONE_GIVEN = new InputShapes(Optional.empty(), Map.of());

  private final Optional<int[]> single;
  private final Map<String, int[]> byName;

  InputShapes(Optional<int[]> single, Map<String, int[]> byName) {
    this.single = single.map(int[]::clone);
    Map<String, int[]> copy = new LinkedHashMap<>();
    byName.forEach((k, v) -> copy.put(k, v.clone()));
    this.byName = copy;
  }

  /** Refuses a single shape for several inputs, and names that are not inputs of the model. */
  void checkInputs(String file, List<String> inputs) {
    String listed = inputs.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    if (single.isPresent() && inputs.size() != 1) {
      throw new KerasImportException(
          file
              + ": one input shape was given, but the model has "
              + inputs.size()
              + " inputs ("
              + listed
              + "); give each its shape by name"
              + " (inputShapes, or --input-shape NAME=DIMS)");
    }
    List<String> unknown = new ArrayList<>(byName.keySet());
    unknown.removeAll(inputs);
    if (!unknown.isEmpty()) {
      throw new KerasImportException(
          file
              + ": an input shape was given for '"
              + unknown.get(0)
              + "', which is not an input of the model; its inputs are "
              + listed);
    }
  }

  /** {@return the input's shape: the declared one, with the given dimensions if any were given} */
  Shape resolve(String file, String input, Shape declared) {
    int[] given = single.orElse(byName.get(input));
    if (given == null) {
      return declared;
    }
    String where =
        file
            + ": input '"
            + input
            + "' is declared "
            + declared.toKerasString()
            + " in the file; the given "
            + Shape.of(given).toKerasString();
    if (given.length != declared.rank()) {
      throw new KerasImportException(
          where
              + " has "
              + given.length
              + " dimensions without the"
              + " batch, the input "
              + declared.rank());
    }
    int[] out = declared.toArray();
    for (int i = 0; i < given.length; i++) {
      if (given[i] == Shape.NONE) {
        continue; // keeps the file's dimension, defined or not
      }
      if (out[i] != Shape.NONE && out[i] != given[i]) {
        throw new KerasImportException(
            where
                + " has "
                + given[i]
                + " at axis "
                + (i + 1)
                + " (the batch is axis 0), where the file has "
                + out[i]);
      }
      out[i] = given[i];
    }
    return Shape.of(out);
  }
}
