package org.neurojoule.onnx;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How one ONNX operator imports: its type name, the attributes it reads, how it folds when its
 * inputs are constants, and how it maps a node ({@link Call}) onto NeuroJoule layers through the
 * fluent {@code Tensor} API. Each operator is one such value, built in its family file ({@link
 * ActivationOperators}, {@link ConvOperators}, ...) and listed once in {@link OperatorRegistry};
 * the importer reads everything it knows about an operator from here.
 *
 * <p>A node is evaluated by the first of these that applies: {@link Builder#claims} (recurrent
 * layers: whatever their inputs); {@link Builder#onSequence} when an input is a sequence around a
 * recurrent layer; {@link Builder#folds} when every input is a constant (or, with {@link
 * Builder#foldsAnyInput}, always); {@link Builder#onTokens} when its first input is a token tensor;
 * else {@link Builder#maps}, its first input converted to channels last unless the operator takes
 * {@link Builder#anyLayout any layout}.
 */
final class Operator {
  /** An operator's evaluation on constants. */
  @FunctionalInterface
  interface Fold {
    Const apply(Call call);
  }

  /** An operator's mapping onto layers: one graph value (an {@link Act}, {@link Seq}, ...). */
  @FunctionalInterface
  interface Mapping {
    Object apply(Call call);
  }

  /** No input of this operator is a weight. */
  static final int NO_WEIGHTS = Integer.MAX_VALUE;

  private final String name;
  private final Set<String> attributes;
  private final Fold fold;
  private final boolean foldsAnyInput;
  private final Function<Call, List<?>> mapping;
  private final boolean claims;
  private final boolean anyLayout;
  private final Mapping onTokens;
  private final Mapping onSequence;
  private final int weightsFrom;
  private final int untrainedFrom;
  private final boolean storedOperands;
  private final int minInputs;
  private final int maxInputs;
  private final int sinceOpset;

  private Operator(Builder b) {
    this.name = b.name;
    this.attributes = Set.copyOf(b.attributes);
    this.fold = b.fold;
    this.foldsAnyInput = b.foldsAnyInput;
    this.mapping = b.mapping;
    this.claims = b.claims;
    this.anyLayout = b.anyLayout;
    this.onTokens = b.onTokens;
    this.onSequence = b.onSequence;
    this.weightsFrom = b.weightsFrom;
    this.untrainedFrom = b.untrainedFrom;
    this.storedOperands = b.storedOperands;
    this.minInputs = b.minInputs;
    this.maxInputs = b.maxInputs;
    this.sinceOpset = b.sinceOpset;
    if (fold == null && mapping == null) {
      throw new IllegalStateException("operator " + name + " neither folds nor maps");
    }
  }

  /** {@return a builder of the operator of ONNX type {@code name}} */
  static Builder named(String name) {
    return new Builder(Objects.requireNonNull(name, "name == null"));
  }

  /** {@return the ONNX op_type} */
  String name() {
    return name;
  }

  /** {@return the attributes the import reads (others are ignored)} */
  Set<String> attributes() {
    return attributes;
  }

  /** {@return whether the operator evaluates on constants} */
  boolean foldable() {
    return fold != null;
  }

  /** {@return whether the operator maps onto layers} */
  boolean mapped() {
    return mapping != null;
  }

  /** {@return whether the operator takes its nodes whatever their inputs, before folding} */
  boolean claims() {
    return claims;
  }

  /** {@return whether the operator takes a token tensor in its own layout} */
  boolean anyLayout() {
    return anyLayout;
  }

  /** {@return whether a node folds: a foldable operator on constants, or on any input} */
  boolean folds(List<Object> ins) {
    return fold != null
        && (foldsAnyInput || ins.stream().allMatch(v -> v == null || v instanceof Const));
  }

  /** {@return whether a constant at input {@code i} is a weight} */
  boolean weightAt(int i) {
    return i >= weightsFrom;
  }

  /** {@return whether a constant at input {@code i} is a trained weight (not a moving mean)} */
  boolean trainedAt(int i) {
    return i < untrainedFrom;
  }

  /**
   * {@return whether the operator adds or joins stored tensors to activations (AddWeight,
   * ConcatWeight): any of its constant inputs that is not a scalar is a weight}
   */
  boolean storedOperands() {
    return storedOperands;
  }

  /**
   * Checks a node's inputs against the operator's arity: each of the first {@link
   * Builder#inputs(int, int) required} ones given (not empty), and no more than it takes.
   *
   * @throws org.neurojoule.OnnxImportException naming the node, the operator and its inputs
   */
  void checkArity(NodeAt at, int opset) {
    List<String> in = at.inputs();
    int min = minInputs(opset);
    boolean missing = in.size() < min;
    for (int i = 0; i < Math.min(min, in.size()); i++) {
      missing |= in.get(i).isEmpty();
    }
    if (missing || in.size() > maxInputs) {
      throw at.error(
          name
              + " takes "
              + (min == maxInputs
                  ? String.valueOf(min)
                  : maxInputs == Integer.MAX_VALUE ? "at least " + min : min + " to " + maxInputs)
              + " input(s)"
              + (min > 0 ? ", the first " + min + " given," : "")
              + " but the node has "
              + (in.isEmpty() ? "none" : "[" + String.join(", ", quoted(in)) + "]"));
    }
  }

  /** Slice takes its starts and ends as inputs from opset 10 on. */
  private int minInputs(int opset) {
    return opset >= sinceOpset ? minInputs : 1;
  }

  private static List<String> quoted(List<String> in) {
    return in.stream().map(s -> s.isEmpty() ? "(absent)" : "'" + s + "'").toList();
  }

  Const fold(Call call) {
    return fold.apply(call);
  }

  /** {@return the node's values, one per output} A token tensor first goes its own way. */
  List<?> map(Call call) {
    if (!call.ins.isEmpty() && call.ins.get(0) instanceof Act x && x.isTokens()) {
      if (onTokens != null) {
        return Collections.singletonList(onTokens.apply(call));
      }
      if (!anyLayout) {
        call.ins.set(0, TokenOps.channelsLast(call.at, x));
      }
    }
    return mapping.apply(call);
  }

  /** {@return the value of a node with a sequence input; an error if the operator has none} */
  Object mapSequence(Call call) {
    if (onSequence == null) {
      throw Sequences.unsupported(call);
    }
    return onSequence.apply(call);
  }

  @Override
  public String toString() {
    return name;
  }

  /** Builds an {@link Operator}; each method sets one aspect once. */
  static final class Builder {
    private final String name;
    private Set<String> attributes = Set.of();
    private Fold fold;
    private boolean foldsAnyInput;
    private Function<Call, List<?>> mapping;
    private boolean claims;
    private boolean anyLayout;
    private Mapping onTokens;
    private Mapping onSequence;
    private int weightsFrom = NO_WEIGHTS;
    private int untrainedFrom = Integer.MAX_VALUE;
    private boolean storedOperands;
    private int minInputs = 1;
    private int maxInputs = Integer.MAX_VALUE;
    private int sinceOpset;

    private Builder(String name) {
      this.name = name;
    }

    /** The attributes the import reads. */
    Builder reads(String... names) {
      this.attributes = Set.of(names);
      return this;
    }

    /** Evaluates a node whose inputs are all constants (or absent). */
    Builder folds(Fold f) {
      this.fold = Objects.requireNonNull(f, "fold == null");
      return this;
    }

    /** Folds whatever its inputs ({@code Shape}: the shape of an activation is a constant). */
    Builder foldsAnyInput() {
      this.foldsAnyInput = true;
      return this;
    }

    /** Maps a node with a first input onto one value. */
    Builder maps(Mapping m) {
      Objects.requireNonNull(m, "mapping == null");
      this.mapping = c -> Collections.singletonList(m.apply(c));
      return this;
    }

    /** Maps a node onto one activation per output. */
    Builder mapsEach(Function<Call, List<Act>> m) {
      this.mapping = Objects.requireNonNull(m, "mapping == null")::apply;
      return this;
    }

    /** Maps every node of this type, whatever its inputs, before folding (recurrent layers). */
    Builder claims(Mapping m) {
      maps(m);
      this.claims = true;
      this.anyLayout = true;
      return this;
    }

    /** Takes a token tensor as it is (element-wise operators, dense layers). */
    Builder anyLayout() {
      this.anyLayout = true;
      return this;
    }

    /** Maps a node whose first input is a token tensor. */
    Builder onTokens(Mapping m) {
      this.onTokens = Objects.requireNonNull(m, "mapping == null");
      return this;
    }

    /** Maps a node with a sequence input (around a recurrent layer). */
    Builder onSequence(Mapping m) {
      this.onSequence = Objects.requireNonNull(m, "mapping == null");
      return this;
    }

    /** Constants at input {@code i} and later are weights (a graph input there is one). */
    Builder weightsFrom(int i) {
      this.weightsFrom = i;
      return this;
    }

    /** Weights at input {@code i} and later are not trained (BatchNorm's moving statistics). */
    Builder untrainedFrom(int i) {
      this.untrainedFrom = i;
      return this;
    }

    /** Its stored tensor operands become weights (AddWeight, ConcatWeight). */
    Builder storedOperands() {
      this.storedOperands = true;
      return this;
    }

    /**
     * The node needs its first {@code min} inputs given and takes at most {@code max} (1 and any
     * number unless set); checked before anything reads them.
     */
    Builder inputs(int min, int max) {
      this.minInputs = min;
      this.maxInputs = max;
      return this;
    }

    /** The node needs its first {@code min} inputs given, and takes any number more. */
    Builder inputs(int min) {
      return inputs(min, Integer.MAX_VALUE);
    }

    /** From {@code opset} on the node needs its first {@code min} inputs given; before, one. */
    Builder inputsSince(int opset, int min) {
      this.sinceOpset = opset;
      return inputs(min);
    }

    Operator build() {
      return new Operator(this);
    }
  }
}
