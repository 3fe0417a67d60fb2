/**
 * The layer algebra: one immutable spec per layer type ({@link org.neurojoule.layer.Conv}, {@link
 * org.neurojoule.layer.Dense}, ...), each a {@link org.neurojoule.layer.LayerSpec} that infers its
 * output shape and counts its parameters, connections and neurons ({@link
 * org.neurojoule.layer.LayerStats}) under an {@link org.neurojoule.layer.Accounting} mode. The
 * runtime's fluent builder and the annotation processor both call these, so a network declared
 * either way has the same figures and the same errors.
 */
package org.neurojoule.layer;
