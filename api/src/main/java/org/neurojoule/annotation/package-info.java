/**
 * Annotations that declare a network as a Java class, checked and turned into a typed model class
 * by the NeuroJoule annotation processor at compile time.
 *
 * <p>{@link org.neurojoule.annotation.Network} marks the class; each field carries one layer
 * annotation, named after the Keras layer ({@link org.neurojoule.annotation.Conv2D}, {@link
 * org.neurojoule.annotation.Dense}, ...), whose attributes are the fluent builder's options with
 * Keras' defaults. All annotations have {@code CLASS} retention: nothing is read at run time.
 */
package org.neurojoule.annotation;
