package org.neurojoule.annotation;

/**
 * An optional type for the fields of a {@link Network} class, for readers: {@code @Dense(units =
 * 10) NetworkLayer output;}. It has no instances; the processor ignores field types, so {@code
 * Object} works as well.
 */
public final class NetworkLayer {
  private NetworkLayer() {}
}
