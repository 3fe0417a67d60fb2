/**
 * Energy estimates and their text summaries.
 *
 * <p>The summary tables reproduce those of KerasSpiking's {@code ModelEnergy} byte for byte, so the
 * helpers here mirror the exact Python behaviour they stand in for: {@link
 * org.neurojoule.energy.PythonFormat} for {@code format(x, ".2g")} and {@code "%.2e"}, {@link
 * org.neurojoule.energy.TextWrap} for {@code textwrap.fill}, and {@link
 * org.neurojoule.energy.TableLayout} for the column widths, cutting and alignment of the table.
 */
package org.neurojoule.energy;
