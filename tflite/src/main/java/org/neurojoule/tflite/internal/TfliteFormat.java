package org.neurojoule.tflite.internal;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.neurojoule.Model;
import org.neurojoule.Models;
import org.neurojoule.importing.ModelFormat;
import org.neurojoule.tflite.TfliteModels;

/** TFLite models for {@link Models#load}: a flatbuffer with the file identifier {@code TFL3}. */
@AutoService(ModelFormat.class)
public final class TfliteFormat implements ModelFormat {
  /** Creates the format; {@link java.util.ServiceLoader} calls this. */
  public TfliteFormat() {}

  @Override
  public String name() {
    return "TFLite";
  }

  @Override
  public String artifact() {
    return "neurojoule-tflite";
  }

  @Override
  public List<String> extensions() {
    return List.of(".tflite");
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    // Bytes 4 to 7 of a flatbuffer hold its file identifier; TFLite's schema names TFL3.
    if (head.length >= 8 && head[4] == 'T' && head[5] == 'F' && head[6] == 'L' && head[7] == '3') {
      return true;
    }
    // A damaged file named .tflite is still this format's to report, unless it starts like
    // another container (HDF5, zip, JSON, an ONNX protobuf), which another format then reads.
    boolean otherContainer =
        head.length > 0
            && (head[0] == (byte) 0x89 || head[0] == 'P' || head[0] == '{' || head[0] == 0x08);
    return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".tflite")
        && !otherContainer;
  }

  @Override
  public Model load(Path file, Models.Options options) {
    return TfliteModels.load(file, o -> o.allowUnknown(options.allowUnknown()));
  }
}
