/**
 * A pure-data reproduction of the text Keras 2.13&ndash;2.15 prints for {@code model.summary()};
 * see {@link org.neurojoule.summary.KerasSummaryPrinter}.
 */
package org.neurojoule.summary;
