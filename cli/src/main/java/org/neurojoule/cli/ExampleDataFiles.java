package org.neurojoule.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Which example data each compared model gets from {@code --example-data}: one file for every
 * model, one file per model in order ({@code A.npy,B.npy}), or {@code MODEL=FILE} for the model
 * given as {@code MODEL} (as typed, or as the comparison names it), the others getting none or the
 * one unnamed file. An image ANN and an event SNN each get their own.
 */
final class ExampleDataFiles {
  private ExampleDataFiles() {}

  /**
   * {@return each model's example data, in model order}
   *
   * @param entries the values of {@code --example-data}
   * @param sources the models as given on the command line
   * @param names the models as the comparison names them
   * @throws IllegalArgumentException naming the option and the entry that fits no rule
   */
  static List<Optional<Path>> perModel(
      List<String> entries, List<String> sources, List<String> names) {
    int n = sources.size();
    List<Optional<Path>> data = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
    List<String> unnamed = new ArrayList<>();
    boolean[] named = new boolean[n];
    for (String entry : entries) {
      int model = modelOf(entry, sources, names);
      if (model < 0) {
        unnamed.add(entry);
        continue;
      }
      if (named[model]) {
        throw new IllegalArgumentException(
            "--example-data names model '" + sources.get(model) + "' twice");
      }
      named[model] = true;
      data.set(model, Optional.of(Path.of(entry.substring(entry.indexOf('=') + 1))));
    }
    if (unnamed.size() == 1) {
      for (int m = 0; m < n; m++) {
        if (!named[m]) {
          data.set(m, Optional.of(Path.of(unnamed.get(0))));
        }
      }
    } else if (!unnamed.isEmpty()) {
      if (unnamed.size() != n || unnamed.size() != entries.size()) {
        throw new IllegalArgumentException(
            "--example-data gives "
                + unnamed.size()
                + " files for "
                + n
                + " models; give one for all, one per model in order (A.npy,B.npy), or"
                + " MODEL=FILE.npy per model");
      }
      for (int m = 0; m < n; m++) {
        data.set(m, Optional.of(Path.of(unnamed.get(m))));
      }
    }
    return data;
  }

  /** The model an entry {@code MODEL=FILE} names, or -1 for a plain file. */
  private static int modelOf(String entry, List<String> sources, List<String> names) {
    int eq = entry.indexOf('=');
    if (eq < 0) {
      return -1;
    }
    String model = entry.substring(0, eq);
    int byName = names.indexOf(model);
    int found = byName >= 0 ? byName : sources.indexOf(model);
    if (found < 0 && !java.nio.file.Files.exists(Path.of(entry))) {
      throw new IllegalArgumentException(
          "--example-data '"
              + entry
              + "': '"
              + model
              + "' is none of the models compared ("
              + String.join(", ", names)
              + ")");
    }
    return found;
  }
}
