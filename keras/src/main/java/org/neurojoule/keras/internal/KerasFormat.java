package org.neurojoule.keras.internal;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.neurojoule.Model;
import org.neurojoule.Models;
import org.neurojoule.importing.ModelFormat;
import org.neurojoule.keras.KerasModels;

/** Keras files for {@link Models#load}: HDF5 ({@code .h5}), {@code .keras} zip archives, JSON. */
@AutoService(ModelFormat.class)
public final class KerasFormat implements ModelFormat {
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final byte[] ZIP = {'P', 'K', 3, 4};

  /** Creates the format; {@link java.util.ServiceLoader} calls this. */
  public KerasFormat() {}

  @Override
  public String name() {
    return "Keras";
  }

  @Override
  public String artifact() {
    return "neurojoule-keras";
  }

  @Override
  public List<String> extensions() {
    return List.of(".h5", ".hdf5", ".keras", ".json");
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    if (startsWith(head, HDF5)) {
      return !name.endsWith(".nir"); // NIR graphs are HDF5 too
    }
    return startsWith(head, ZIP) || firstNonBlank(head) == '{';
  }

  @Override
  public Model load(Path file, Models.Options options) {
    return KerasModels.load(
        file,
        o -> {
          KerasModels.Options with = o.allowUnknown(options.allowUnknown());
          if (options.inputShape().isPresent()) {
            with = with.inputShape(options.inputShape().get());
          } else if (!options.inputShapes().isEmpty()) {
            with = with.inputShapes(options.inputShapes());
          }
          return with;
        });
  }

  static boolean startsWith(byte[] head, byte[] signature) {
    if (head.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if (head[i] != signature[i]) {
        return false;
      }
    }
    return true;
  }

  private static int firstNonBlank(byte[] head) {
    for (byte b : head) {
      if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
        return b; // a UTF-8 byte order mark is skipped too
      }
    }
    return -1;
  }
}
