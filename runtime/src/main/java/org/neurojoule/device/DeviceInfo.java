package org.neurojoule.device;

import java.util.Locale;
import java.util.Objects;

/**
 * What a catalogue device's figures mean: what exactly they count, the process node, how they were
 * obtained and the full citation. Kept beside {@link Device} so that {@code new Device(name, synop,
 * neuron, spiking)} and the figures' equality stay as they are.
 *
 * @param counts what one synaptic operation and one neuron update cost covers, in words
 * @param node the process node, such as {@code 45 nm}; empty if unknown
 * @param kind how the figures were obtained
 * @param source the full citation; empty if none
 */
public record DeviceInfo(String counts, String node, Kind kind, String source) {
  /** How a device's figures were obtained. */
  public enum Kind {
    /** Measured on silicon. */
    MEASURED,
    /** Simulated or estimated before silicon, such as post-layout figures. */
    PRE_SILICON,
    /** Computed from other published figures, such as power divided by throughput. */
    DERIVED,
    /** Not stated. */
    UNSTATED;

    /** {@return how files and listings name it: {@code measured}, {@code pre-silicon}, ...} */
    public String label() {
      return this == UNSTATED ? "" : name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * Checks that no component is null.
   *
   * @param counts what the figures count
   * @param node the process node
   * @param kind how the figures were obtained
   * @param source the full citation
   */
  public DeviceInfo {
    Objects.requireNonNull(counts, "counts == null");
    Objects.requireNonNull(node, "node == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(source, "source == null");
  }

  /**
   * {@return the metadata of a device that gives only a citation}
   *
   * @param source the citation, possibly empty
   */
  public static DeviceInfo citing(String source) {
    return new DeviceInfo("", "", Kind.UNSTATED, source);
  }
}
