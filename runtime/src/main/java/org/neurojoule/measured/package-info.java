/**
 * Published measurements of energy per inference on real hardware, with their sources: what
 * NeuroJoule's calibrated devices are fitted on and its estimates are checked against.
 */
package org.neurojoule.measured;
