package org.neurojoule.nir.internal;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neurojoule.Model;
import org.neurojoule.Models;
import org.neurojoule.importing.ModelFormat;
import org.neurojoule.nir.NirModels;

/** NIR graphs for {@link Models#load}: HDF5 files named {@code .nir}. */
@AutoService(ModelFormat.class)
public final class NirFormat implements ModelFormat {
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /** Creates the format; {@link java.util.ServiceLoader} calls this. */
  public NirFormat() {}

  @Override
  public String name() {
    return "NIR";
  }

  @Override
  public String artifact() {
    return "neurojoule-nir";
  }

  @Override
  public List<String> extensions() {
    return List.of(".nir");
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    // Keras' .h5 files are HDF5 too: the name tells them apart.
    return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".nir")
        && head.length >= HDF5.length
        && Arrays.equals(head, 0, HDF5.length, HDF5, 0, HDF5.length);
  }

  @Override
  public Model load(Path file, Models.Options options) {
    return NirModels.load(file);
  }
}
