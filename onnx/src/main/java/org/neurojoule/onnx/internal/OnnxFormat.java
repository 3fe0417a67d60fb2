package org.neurojoule.onnx.internal;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.neurojoule.Model;
import org.neurojoule.Models;
import org.neurojoule.importing.ModelFormat;
import org.neurojoule.onnx.OnnxModels;

/** ONNX models for {@link Models#load}: a {@code ModelProto}, from its name or first field. */
@AutoService(ModelFormat.class)
public final class OnnxFormat implements ModelFormat {
  /** Field 1 ({@code ir_version}) as a varint: the first byte every ONNX exporter writes. */
  private static final byte IR_VERSION_TAG = 0x08;

  /** Creates the format; {@link java.util.ServiceLoader} calls this. */
  public OnnxFormat() {}

  @Override
  public String name() {
    return "ONNX";
  }

  @Override
  public String artifact() {
    return "neurojoule-onnx";
  }

  @Override
  public List<String> extensions() {
    return List.of(".onnx");
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    if (head.length > 0 && head[0] == IR_VERSION_TAG) {
      return true;
    }
    // A damaged file named .onnx is still ONNX's to report, unless it starts like another
    // container (HDF5, zip, JSON), which another format then reads.
    boolean otherContainer =
        head.length > 0 && (head[0] == (byte) 0x89 || head[0] == 'P' || head[0] == '{');
    return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".onnx")
        && !otherContainer;
  }

  @Override
  public Model load(Path file, Models.Options options) {
    return OnnxModels.load(
        file,
        o -> {
          OnnxModels.Options with = o.allowUnknown(options.allowUnknown());
          return options.inputShape().isPresent()
              ? with.inputShape(options.inputShape().get())
              : with;
        });
  }
}
