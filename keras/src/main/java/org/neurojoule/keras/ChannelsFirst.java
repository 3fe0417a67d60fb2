package org.neurojoule.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.neurojoule.KerasImportException;
import org.neurojoule.Tensor;
import org.neurojoule.keras.ModelDef.LayerDef;

/**
 * Keras' {@code data_format: channels_first}, imported channels last as the ONNX importer does: a
 * channels-first tensor {@code (C, spatial...)} of the file is held as {@code (spatial..., C)}.
 * Keras keeps kernels, depthwise and pointwise kernels and per-channel arrays in the same layout
 * whatever the data format, so the weights load unchanged.
 *
 * <p>A tensor is "moved" when NeuroJoule holds it channels last while the file has it channels
 * first. A layer with {@code data_format: channels_first} (convolutions, pooling, global pooling,
 * up-sampling, padding, cropping) and a BatchNormalization over axis 1 read and give moved tensors;
 * elementwise layers and merges keep the layout of their inputs; Flatten with {@code
 * channels_first} flattens a moved tensor as it is (Keras transposes to channels last first); every
 * other layer, and the model's outputs, take the file's layout. Where a tensor is in the other
 * layout, a {@code permute} layer named {@code <layer>_channels_last} or {@code
 * <layer>_channels_first} is inserted (at most one per tensor and direction); the model's inputs
 * keep the file's shape.
 */
final class ChannelsFirst {
  private static final Set<String> ELEMENTWISE =
      Set.of(
          "Activation",
          "ReLU",
          "LeakyReLU",
          "ELU",
          "Dropout",
          "SpatialDropout1D",
          "SpatialDropout2D",
          "SpatialDropout3D",
          "Add",
          "Subtract",
          "Multiply",
          "Average",
          "Maximum",
          "Minimum");

  private final Set<Tensor> moved = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Tensor, Tensor> toLast = new IdentityHashMap<>();
  private final Map<Tensor, Tensor> toFirst = new IdentityHashMap<>();
  private final UnaryOperator<String> uniqueName;

  /**
   * @param uniqueName turns a wanted layer name into one no other layer has
   */
  ChannelsFirst(UnaryOperator<String> uniqueName) {
    this.uniqueName = uniqueName;
  }

  /**
   * How one layer call runs: its inputs in the layout it reads, its config (channels_first settings
   * restated for channels-last tensors) and whether its output is moved.
   */
  record Plan(List<Tensor> inputs, Cfg config, boolean movedOutput) {}

  /** {@return the plan of a call of {@code def} on {@code in}} */
  Plan plan(LayerDef def, List<Tensor> in) {
    Cfg c = def.config();
    String type = def.className();
    boolean channelsFirst =
        c.raw("data_format") instanceof JsonPrimitive p
            && p.isString()
            && p.getAsString().equals("channels_first");
    if (channelsFirst && type.equals("Flatten")) {
      return new Plan(all(in, true, def), channelsLast(c), false);
    }
    if (channelsFirst && KerasLayerRegistry.descriptor(type).isPresent()) {
      boolean flat = type.startsWith("Global") && !c.bool("keepdims", false);
      return new Plan(all(in, true, def), channelsLast(c), !flat);
    }
    if (type.equals("BatchNormalization") && in.size() == 1 && in.get(0).shape().rank() >= 2) {
      int rank = in.get(0).shape().rank();
      Integer axis = singleAxis(c.raw("axis"));
      if (axis != null && (axis == 1 || axis == -rank)) {
        return new Plan(all(in, true, def), c.with("axis", new JsonPrimitive(-1)), true);
      }
    }
    boolean allMoved = !in.isEmpty() && in.stream().allMatch(moved::contains);
    if (allMoved && ELEMENTWISE.contains(type)) {
      return new Plan(in, c, true);
    }
    if (allMoved && type.equals("Concatenate")) {
      int rank = in.get(0).shape().rank();
      Integer axis = singleAxis(c.raw("axis"));
      int a = axis == null ? -1 : axis < 0 ? axis + rank + 1 : axis;
      if (a >= 1 && a <= rank) {
        // File axis 1 (the channels) is the last here; file axis a > 1 is a - 1.
        return new Plan(in, c.with("axis", new JsonPrimitive(a == 1 ? rank : a - 1)), true);
      }
    }
    return new Plan(all(in, false, def), c, false);
  }

  /** Marks the output of a call planned by {@code plan}. */
  void record(Plan plan, Tensor out) {
    if (plan.movedOutput()) {
      moved.add(out);
    }
  }

  /** {@return {@code t} in the file's layout: a model output, named after {@code layer}} */
  Tensor fileLayout(Tensor t, String layer) {
    return moved.contains(t) ? toFirst(t, layer) : t;
  }

  private List<Tensor> all(List<Tensor> in, boolean movedWanted, LayerDef def) {
    List<Tensor> out = new ArrayList<>(in.size());
    for (Tensor t : in) {
      boolean isMoved = moved.contains(t);
      if (isMoved == movedWanted || t.shape().rank() < 2) {
        out.add(t);
      } else if (movedWanted) {
        out.add(toLast(t, def));
      } else {
        out.add(toFirst(t, def.name()));
      }
    }
    return out;
  }

  /** {@code (C, s1..sk)} as {@code (s1..sk, C)}: Keras' Permute {@code (2, ..., k + 1, 1)}. */
  private Tensor toLast(Tensor t, LayerDef def) {
    Tensor done = toLast.get(t);
    if (done != null) {
      return done;
    }
    int rank = t.shape().rank();
    int[] dims = new int[rank];
    for (int i = 0; i < rank - 1; i++) {
      dims[i] = i + 2;
    }
    dims[rank - 1] = 1;
    String name = uniqueName.apply(def.name() + "_channels_last");
    Tensor p;
    try {
      p = t.permute(dims, x -> x.name(name));
    } catch (IllegalArgumentException e) {
      throw def.config().error(e.getMessage());
    }
    toLast.put(t, p);
    moved.add(p);
    toFirst.put(p, t);
    return p;
  }

  /** {@code (s1..sk, C)} back as {@code (C, s1..sk)}: Permute {@code (k + 1, 1, ..., k)}. */
  private Tensor toFirst(Tensor t, String layer) {
    Tensor done = toFirst.get(t);
    if (done != null) {
      return done;
    }
    int rank = t.shape().rank();
    int[] dims = new int[rank];
    dims[0] = rank;
    for (int i = 1; i < rank; i++) {
      dims[i] = i;
    }
    String name = uniqueName.apply(layer + "_channels_first");
    Tensor p;
    try {
      p = t.permute(dims, x -> x.name(name));
    } catch (IllegalArgumentException e) {
      throw new KerasImportException(layer + ": " + e.getMessage(), e);
    }
    toFirst.put(t, p);
    toLast.put(p, t);
    return p;
  }

  private static Cfg channelsLast(Cfg c) {
    return c.with("data_format", new JsonPrimitive("channels_last"));
  }

  /** An axis given as one number or a list of one, else null. */
  private static Integer singleAxis(JsonElement e) {
    if (e instanceof JsonArray a && a.size() == 1) {
      e = a.get(0);
    }
    Long v = e == null ? null : Cfg.asLong(e);
    return v == null || Math.abs(v) > 64 ? null : (int) (long) v;
  }
}
