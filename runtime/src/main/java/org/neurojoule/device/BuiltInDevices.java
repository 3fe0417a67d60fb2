package org.neurojoule.device;

import java.util.List;
import java.util.Map;

/**
 * The published figures the estimates rest on.
 *
 * <ul>
 *   <li>cpu (Intel i7-4960X), gpu (Nvidia GTX Titan Black), arm (ARM Cortex-A): Degnan, Marr and
 *       Hasler, "Assessing trends in performance per Watt for signal processing applications", IEEE
 *       TVLSI 24(1), 2015.
 *   <li>loihi: Davies et al., "Loihi: A Neuromorphic Manycore Processor with On-Chip Learning",
 *       IEEE Micro 38(1), 2018 (Table 1: 23.6 pJ per synaptic spike op, to which the reference adds
 *       the 3.5 pJ across-tile spike energy per tile hop; 81 pJ per active neuron update).
 *   <li>spinnaker, spinnaker2: Höppner et al., "Dynamic Power Management for Neuromorphic Many-Core
 *       Systems", IEEE TCAS-I 66(8), 2019.
 * </ul>
 */
public final class BuiltInDevices {
  /** Intel i7-4960X. */
  public static final Device CPU = new Device("cpu", 8.6e-9, 8.6e-9, false);

  /** Nvidia GTX Titan Black. */
  public static final Device GPU = new Device("gpu", 0.3e-9, 0.3e-9, false);

  /** ARM Cortex-A. */
  public static final Device ARM = new Device("arm", 0.9e-9, 0.9e-9, false);

  /** Intel Loihi. */
  public static final Device LOIHI = new Device("loihi", (23.6 + 3.5) * 1e-12, 81e-12, true);

  /** SpiNNaker 1. */
  public static final Device SPINNAKER = new Device("spinnaker", 13.3e-9, 26e-9, true);

  /** SpiNNaker 2. */
  public static final Device SPINNAKER2 = new Device("spinnaker2", 450e-12, 2.19e-9, true);

  /** All built-in devices, in the order listings show them. */
  public static final List<Device> ALL = List.of(CPU, GPU, ARM, LOIHI, SPINNAKER, SPINNAKER2);

  private static final String DEGNAN = "Degnan, Marr & Hasler, IEEE TVLSI 24(1), 2015";
  private static final String HOPPNER = "Höppner et al., IEEE TCAS-I 66(8), 2019";
  private static final String DEGNAN_FULL =
      "B. Degnan, B. Marr and J. Hasler, \"Assessing"
          + " trends in performance per Watt for signal processing applications\", IEEE"
          + " Transactions on VLSI Systems 24(1), 2015";
  private static final String HOPPNER_FULL =
      "S. Höppner et al., \"Dynamic Power Management"
          + " for Neuromorphic Many-Core Systems\", IEEE Transactions on"
          + " Circuits and Systems I 66(8), 2019";

  /** The citation of each built-in device; a device with other figures cites nothing. */
  private static final Map<Device, String> SOURCES =
      Map.of(
          CPU, "Intel i7-4960X; " + DEGNAN,
          GPU, "Nvidia GTX Titan Black; " + DEGNAN,
          ARM, "ARM Cortex-A; " + DEGNAN,
          LOIHI, "Intel Loihi; Davies et al., IEEE Micro 38(1), 2018",
          SPINNAKER, "SpiNNaker 1; " + HOPPNER,
          SPINNAKER2, "SpiNNaker 2; " + HOPPNER);

  private static final String REFERENCE_USE =
      "; the reference charges it per synaptic" + " operation and per neuron update alike";

  /** What each built-in device's figures count, its node, kind and full citation. */
  static final Map<Device, DeviceInfo> INFO =
      Map.of(
          CPU,
              new DeviceInfo(
                  "energy per operation from the chip's performance per watt" + REFERENCE_USE,
                  "22 nm",
                  DeviceInfo.Kind.DERIVED,
                  DEGNAN_FULL),
          GPU,
              new DeviceInfo(
                  "energy per operation from the chip's performance per watt" + REFERENCE_USE,
                  "28 nm",
                  DeviceInfo.Kind.DERIVED,
                  DEGNAN_FULL),
          ARM,
              new DeviceInfo(
                  "energy per operation from the core's performance per watt" + REFERENCE_USE,
                  "",
                  DeviceInfo.Kind.DERIVED,
                  DEGNAN_FULL),
          LOIHI,
              new DeviceInfo(
                  "synaptic op 27.1 pJ = 23.6 pJ minimum synaptic spike op + 3.5 pJ"
                      + " across-tile spike energy per tile hop (Table 1), added by the reference although"
                      + " the hop is paid per spike and hop, not per synaptic op (see loihi-corrected);"
                      + " neuron update 81 pJ (active neuron)",
                  "14 nm",
                  DeviceInfo.Kind.MEASURED,
                  "M. Davies et al., \"Loihi: A Neuromorphic Manycore Processor with On-Chip"
                      + " Learning\", IEEE Micro 38(1):82-99, 2018"),
          SPINNAKER,
              new DeviceInfo(
                  "energy per synaptic event and per neuron update of the ARM"
                      + " cores' software model",
                  "130 nm",
                  DeviceInfo.Kind.MEASURED,
                  HOPPNER_FULL),
          SPINNAKER2,
              new DeviceInfo(
                  "energy per synaptic event and per neuron update of the"
                      + " prototype's cores with dynamic power management",
                  "28 nm",
                  DeviceInfo.Kind.MEASURED,
                  HOPPNER_FULL));

  private BuiltInDevices() {}

  /** {@return the citation of {@code device}'s figures, if they are a built-in device's; or ""} */
  static String sourceOf(Device device) {
    return SOURCES.getOrDefault(device, "");
  }
}
