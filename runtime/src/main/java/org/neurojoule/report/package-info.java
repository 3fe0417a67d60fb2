/**
 * The parts of the HTML reports: {@link org.neurojoule.report.Html}, an escaping XHTML builder,
 * {@link org.neurojoule.report.BarChart}, the inline SVG chart of energy per layer, and {@link
 * org.neurojoule.report.Page}, the self-contained document around them (style and the scale toggle
 * inline, nothing fetched).
 */
package org.neurojoule.report;
