package org.neurojoule.processor.model;

/**
 * An annotation value javac has not resolved (yet): the network is retried in the next round, and
 * javac reports the value if it never resolves.
 */
public final class UnresolvedAttributeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnresolvedAttributeException(String attribute) {
    super("unresolved value of attribute " + attribute);
  }
}
