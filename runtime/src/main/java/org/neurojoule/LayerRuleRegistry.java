package org.neurojoule;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link LayerStatsRule}s registered for layer types, by Keras type name. A registered rule
 * replaces the built-in statistics of its type in both accounting modes. Thread safe.
 *
 * <p>{@link #defaults()} is the one registry estimates read and {@link ModelEnergy#registerLayer}
 * writes; {@link #create()} makes an independent, empty one.
 */
public final class LayerRuleRegistry {
  private static final LayerRuleRegistry DEFAULT = new LayerRuleRegistry();

  private final Map<String, LayerStatsRule> rules = new ConcurrentHashMap<>();

  private LayerRuleRegistry() {}

  /** {@return the shared registry, which every estimate reads} */
  public static LayerRuleRegistry defaults() {
    return DEFAULT;
  }

  /** {@return a new, empty registry} */
  public static LayerRuleRegistry create() {
    return new LayerRuleRegistry();
  }

  /**
   * Uses {@code rule} for the statistics of every layer whose Keras type is {@code type}, replacing
   * any rule registered for it before.
   *
   * @param type the Keras layer type, such as {@code MyLayer}
   * @param rule computes the statistics of one application
   */
  public void register(String type, LayerStatsRule rule) {
    Objects.requireNonNull(type, "type == null");
    rules.put(type, Objects.requireNonNull(rule, "rule == null"));
  }

  /**
   * Removes the rule registered for {@code type}, if any; the built-in statistics apply again.
   *
   * @param type the Keras layer type, such as {@code MyLayer}
   */
  public void unregister(String type) {
    Objects.requireNonNull(type, "type == null");
    rules.remove(type);
  }

  /**
   * {@return the rule registered for {@code type}, or empty for the built-in statistics}
   *
   * @param type the Keras layer type
   */
  public Optional<LayerStatsRule> rule(String type) {
    return Optional.ofNullable(rules.get(Objects.requireNonNull(type, "type == null")));
  }
}
