package org.neurojoule.device;

import java.util.List;

/**
 * The published figures the estimates rest on.
 *
 * <ul>
 *   <li>cpu (Intel i7-4960X), gpu (Nvidia GTX Titan Black), arm (ARM Cortex-A): Degnan, Marr and
 *       Hasler, "Assessing trends in performance per Watt for signal processing applications",
 *       IEEE TVLSI 24(1), 2015.
 *   <li>loihi: Davies et al., "Loihi: A Neuromorphic Manycore Processor with On-Chip Learning",
 *       IEEE Micro 38(1), 2018 (23.6 pJ per synaptic spike plus 3.5 pJ per synaptic update; 81 pJ
 *       per neuron update).
 *   <li>spinnaker, spinnaker2: Höppner et al., "Dynamic Power Management for Neuromorphic Many-Core
 *       Systems", IEEE TCAS-I 66(8), 2019.
 * </ul>
 */
public final class BuiltInDevices {
  private static final String DEGNAN = "Intel i7-4960X; Degnan, Marr & Hasler, IEEE TVLSI 24(1),"
      + " 2015";
  private static final String HOPPNER = "Höppner et al., IEEE TCAS-I 66(8), 2019";

  /** Intel i7-4960X. */
  public static final Device CPU = new Device("cpu", 8.6e-9, 8.6e-9, false, DEGNAN);
  /** Nvidia GTX Titan Black. */
  public static final Device GPU = new Device("gpu", 0.3e-9, 0.3e-9, false,
      "Nvidia GTX Titan Black; Degnan, Marr & Hasler, IEEE TVLSI 24(1), 2015");
  /** ARM Cortex-A. */
  public static final Device ARM = new Device("arm", 0.9e-9, 0.9e-9, false,
      "ARM Cortex-A; Degnan, Marr & Hasler, IEEE TVLSI 24(1), 2015");
  /** Intel Loihi. */
  public static final Device LOIHI = new Device("loihi", (23.6 + 3.5) * 1e-12, 81e-12, true,
      "Intel Loihi; Davies et al., IEEE Micro 38(1), 2018");
  /** SpiNNaker 1. */
  public static final Device SPINNAKER = new Device("spinnaker", 13.3e-9, 26e-9, true,
      "SpiNNaker 1; " + HOPPNER);
  /** SpiNNaker 2. */
  public static final Device SPINNAKER2 = new Device("spinnaker2", 450e-12, 2.19e-9, true,
      "SpiNNaker 2; " + HOPPNER);

  /** All built-in devices, in the order listings show them. */
  public static final List<Device> ALL = List.of(CPU, GPU, ARM, LOIHI, SPINNAKER, SPINNAKER2);

  private BuiltInDevices() {}
}
