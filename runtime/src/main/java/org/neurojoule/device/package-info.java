/**
 * The devices an estimate prices its operations on: each device's energy per synaptic operation and
 * per neuron update, whether it runs spiking networks, and where its figures come from.
 *
 * <p>{@link org.neurojoule.device.DeviceRegistry#defaults()} holds the built-in devices (cpu, gpu,
 * arm, loihi, spinnaker, spinnaker2) and the published catalogue; {@link
 * org.neurojoule.device.DeviceFile} reads a user's devices from JSON or properties; {@link
 * org.neurojoule.device.DeviceInfo} describes one device and its source.
 */
package org.neurojoule.device;
