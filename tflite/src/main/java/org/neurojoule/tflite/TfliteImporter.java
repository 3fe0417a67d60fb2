package org.neurojoule.tflite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neurojoule.Dtype;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.Precision;
import org.neurojoule.Provenance;
import org.neurojoule.Tensor;
import org.neurojoule.TfliteImportException;
import org.neurojoule.importing.ZeroCostLayer;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.shape.Shape;
import org.neurojoule.tflite.Value.Act;
import org.neurojoule.tflite.Value.Const;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.SubGraph;

/**
 * Turns a {@code .tflite} file into a {@link Model}: the main subgraph's inputs become model
 * inputs, its stored tensors constants, and each operator, in the file's order (which TFLite
 * executes), the layers its {@link OperatorTable} mapping builds. An operator that reads a tensor
 * no earlier operator wrote (a cycle, a reference to itself or to a later operator) is an error, as
 * is any other problem, always naming the file and the place.
 */
final class TfliteImporter {
  private static final System.Logger LOG = System.getLogger(TfliteImporter.class.getName());

  /** The subgraph TFLite runs; others are bodies of control-flow operators. */
  private static final int MAIN = 0;

  private final Path file;
  private final String label;
  private final boolean allowUnknown;
  private final OperatorTable table = OperatorTable.STANDARD;
  private final List<String> warnings = new ArrayList<>();

  TfliteImporter(Path file, boolean allowUnknown) {
    this.file = file;
    this.label = file.toString();
    this.allowUnknown = allowUnknown;
  }

  /**
   * {@return the model, its weights set}
   *
   * @throws TfliteImportException naming the file, the place and the problem
   */
  Model load() {
    try {
      return read();
    } catch (TfliteImportException e) {
      throw e;
    } catch (RuntimeException e) {
      // FlatBuffers follows offsets it trusts: a damaged file that passed the checks still ends
      // here, as an error naming the file, never a raw IndexOutOfBoundsException.
      throw new TfliteImportException(
          label
              + ": the file is damaged or not a TFLite model ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")",
          e);
    } catch (OutOfMemoryError e) {
      throw new TfliteImportException(
          label + ": its tensors need more memory than the JVM has (raise -Xmx)", e);
    }
  }

  private Model read() {
    TfliteFile f = TfliteFile.read(file, label);
    SubGraph g = f.subgraph(MAIN);
    String where = "subgraph " + MAIN;
    List<String> opNames = opcodeNames(f);
    Map<Integer, Value> values = new HashMap<>();
    Set<String> names = new HashSet<>();

    List<Tensor> inputs = new ArrayList<>();
    int nInputs = f.count(g.inputsLength(), 4, where + ": the input list");
    for (int i = 0; i < nInputs; i++) {
      TensorInfo t = TensorInfo.read(f, g, g.inputs(i), where + ", input " + i);
      String inputName = t.name().isEmpty() ? "input_" + t.index() : t.name();
      Act a = input(t, inputName, where);
      names.add(inputName);
      inputs.add(a.tensor());
      values.put(t.index(), a);
    }

    int nOps = f.count(g.operatorsLength(), 4, where + ": the operator list");
    checkKnown(f, g, opNames, nOps);
    for (int i = 0; i < nOps; i++) {
      Operator op = g.operators(i);
      if (op == null) {
        throw new TfliteImportException(label + ": " + where + ", operator " + i + " is empty");
      }
      long code = op.opcodeIndex();
      if (code < 0 || code >= opNames.size()) {
        throw new TfliteImportException(
            label
                + ": "
                + where
                + ", operator "
                + i
                + ": opcode index "
                + code
                + " is past the "
                + opNames.size()
                + " operator codes");
      }
      String opName = opNames.get((int) code);
      String place = where + ", operator " + i + " (" + opName + ")";
      List<Value> ins = new ArrayList<>();
      int nIn = f.count(op.inputsLength(), 4, place + ": the input list");
      for (int k = 0; k < nIn; k++) {
        int ti = op.inputs(k);
        ins.add(ti < 0 ? null : valueOf(f, g, ti, values, place + ", input " + k));
      }
      List<TensorInfo> outs = new ArrayList<>();
      int nOut = f.count(op.outputsLength(), 4, place + ": the output list");
      for (int k = 0; k < nOut; k++) {
        TensorInfo t = TensorInfo.read(f, g, op.outputs(k), place + ", output " + k);
        if (values.containsKey(t.index()) || t.constant()) {
          throw new TfliteImportException(
              label
                  + ": "
                  + place
                  + ": output tensor "
                  + t.index()
                  + " '"
                  + t.name()
                  + "' is already "
                  + (t.constant() ? "a constant stored in the file" : "written before")
                  + "; each tensor is written once");
        }
        outs.add(t);
      }
      if (outs.isEmpty()) {
        throw new TfliteImportException(label + ": " + place + ": has no output");
      }
      String name = unique(OpCall.layerName(opName, i), names);
      OpCall call = new OpCall(label, MAIN, i, opName, op, ins, outs, name);
      Value v = evaluate(call, builtin(f, (int) code));
      values.put(outs.get(0).index(), v);
    }

    List<Tensor> outputs = new ArrayList<>();
    int nOutputs = f.count(g.outputsLength(), 4, where + ": the output list");
    for (int i = 0; i < nOutputs; i++) {
      int ti = g.outputs(i);
      Value v = values.get(ti);
      if (!(v instanceof Act a)) {
        throw new TfliteImportException(
            label
                + ": "
                + where
                + ", output "
                + i
                + " (tensor "
                + ti
                + ") is "
                + (v == null ? "not computed by any operator" : "a constant"));
      }
      outputs.add(a.tensor());
    }
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new TfliteImportException(
          label
              + ": "
              + where
              + " needs an input and an output, has "
              + inputs.size()
              + " inputs and "
              + outputs.size()
              + " outputs");
    }
    warnings.forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
    try {
      return Model.of(inputs, outputs).recordProvenance(Provenance.imported(label, true));
    } catch (IllegalArgumentException e) {
      throw new TfliteImportException(label + ": " + e.getMessage(), e);
    }
  }

  /** The opcode of each operator code: {@code max(deprecated_builtin_code, builtin_code)}. */
  private static int builtin(TfliteFile f, int code) {
    OperatorCode c = f.model().operatorCodes(code);
    return Math.max(c.deprecatedBuiltinCode(), c.builtinCode());
  }

  private List<String> opcodeNames(TfliteFile f) {
    int n = f.count(f.model().operatorCodesLength(), 4, "the operator code list");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      OperatorCode c = f.model().operatorCodes(i);
      if (c == null) {
        throw new TfliteImportException(label + ": operator code " + i + " is empty");
      }
      int code = Math.max(c.deprecatedBuiltinCode(), c.builtinCode());
      String custom = c.customCode();
      out.add(
          code == BuiltinOperator.CUSTOM && custom != null && !custom.isEmpty()
              ? "CUSTOM " + custom
              : OperatorTable.name(code));
    }
    return out;
  }

  /**
   * One error naming the first operator without a mapping and listing the others, unless allowed.
   */
  private void checkKnown(TfliteFile f, SubGraph g, List<String> opNames, int nOps) {
    if (allowUnknown) {
      return;
    }
    Map<String, List<Integer>> unknown = new LinkedHashMap<>();
    for (int i = 0; i < nOps; i++) {
      Operator op = g.operators(i);
      long code = op == null ? -1 : op.opcodeIndex();
      if (code < 0 || code >= opNames.size()) {
        continue; // the main loop names the bad index
      }
      if (table.find(builtin(f, (int) code)).isEmpty()) {
        unknown.computeIfAbsent(opNames.get((int) code), k -> new ArrayList<>()).add(i);
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    var first = unknown.entrySet().iterator().next();
    List<String> others = new ArrayList<>();
    unknown.forEach(
        (op, at) -> {
          if (!op.equals(first.getKey())) {
            others.add(op + " (operator " + at.get(0) + (at.size() > 1 ? ", ..." : "") + ")");
          }
        });
    throw new TfliteImportException(
        label
            + ": subgraph "
            + MAIN
            + ", operator "
            + first.getValue().get(0)
            + " ("
            + first.getKey()
            + "): operator "
            + first.getKey()
            + " has no NeuroJoule mapping"
            + (others.isEmpty() ? "" : "; nor do " + String.join(", ", others))
            + (others.isEmpty() && first.getValue().size() == 1
                ? "; import it as a zero-cost layer"
                : "; import them as zero-cost layers")
            + " with allowUnknown (the CLI's --allow-unknown)");
  }

  /** {@return the operator's value, by its mapping, or as a zero-cost layer where allowed} */
  private Value evaluate(OpCall call, int code) {
    Optional<OperatorTable.Mapping> mapping = table.find(code);
    try {
      return mapping.isPresent() ? mapping.get().map(call) : zeroCost(call);
    } catch (TfliteImportException e) {
      throw e;
    } catch (RuntimeException e) {
      throw call.error(
          "its inputs or options do not fit what the operator needs ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")");
    }
  }

  private Value valueOf(
      TfliteFile f, SubGraph g, int index, Map<Integer, Value> values, String where) {
    Value v = values.get(index);
    if (v != null) {
      return v;
    }
    TensorInfo t = TensorInfo.read(f, g, index, where);
    if (!t.constant()) {
      throw new TfliteImportException(
          label
              + ": "
              + where
              + " reads tensor "
              + index
              + " '"
              + t.name()
              + "', which is no input, no constant and no output of an earlier operator (a"
              + " cycle, or a damaged file)");
    }
    Dtype stored =
        t.dtype()
            .orElseThrow(
                () ->
                    new TfliteImportException(
                        label
                            + ": "
                            + where
                            + ": tensor '"
                            + t.name()
                            + "' holds "
                            + t.typeName()
                            + " values, which do not import"));
    Const c = new Const(t, t.values(), stored);
    for (double d : c.values()) {
      if (!Double.isFinite(d)) {
        throw new TfliteImportException(
            label + ": " + where + ": tensor '" + t.name() + "' holds the value " + d);
      }
    }
    values.put(index, c);
    return c;
  }

  private Act input(TensorInfo t, String inputName, String where) {
    int[] s = t.shape();
    String what = label + ": " + where + " input '" + t.name() + "'";
    if (s.length < 2) {
      throw new TfliteImportException(
          what + " has shape " + Arrays.toString(s) + "; it needs a batch and a dimension more");
    }
    int[] dims = Arrays.copyOfRange(s, 1, s.length);
    for (int d : dims) {
      if (d < 1) {
        throw new TfliteImportException(what + " has dimension " + d + " in " + Arrays.toString(s));
      }
    }
    Dtype dtype =
        t.dtype()
            .orElseThrow(
                () -> new TfliteImportException(what + " holds " + t.typeName() + " values"));
    Tensor x;
    try {
      x = Model.input(dims, i -> i.name(inputName));
    } catch (IllegalArgumentException e) {
      throw new TfliteImportException(what + ": " + e.getMessage(), e);
    }
    x.layer().setPrecision(Precision.of(dtype));
    return new Act(x, dtype);
  }

  /** An operator without a mapping as a zero-cost layer of its output's declared shape. */
  private Value zeroCost(OpCall call) {
    List<Tensor> acts = new ArrayList<>();
    long stored = 0;
    for (Value v : call.ins) {
      if (v instanceof Act a) {
        acts.add(a.tensor());
      } else if (v instanceof Const c) {
        stored += c.values().length;
      }
    }
    if (acts.isEmpty()) {
      throw call.error("has no activation input; it cannot be imported as a zero-cost layer");
    }
    int[] dims = call.outDims();
    warnings.add(
        label
            + ": "
            + call.place()
            + " has no NeuroJoule mapping; imported as a zero-cost layer of shape "
            + Arrays.toString(dims));
    ZeroCostLayer z =
        new ZeroCostLayer(
            call.opName,
            Optional.of(call.name),
            call.guard(() -> Shape.of(dims)),
            ParamCount.trainable(stored),
            "zero-cost TFLite " + call.opName);
    Tensor t = call.guard(() -> Layer.of(z).apply(acts.toArray(new Tensor[0])));
    t.layer().setPrecision(Precision.of(call.outDtype()));
    return new Act(t, call.outDtype());
  }

  private static String unique(String name, Set<String> taken) {
    String n = name;
    for (int k = 1; !taken.add(n); k++) {
      n = name + "_" + k;
    }
    return n;
  }
}
