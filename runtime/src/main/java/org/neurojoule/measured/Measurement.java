package org.neurojoule.measured;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One published (or a lab's own) measurement of energy per inference: one row of a measurements
 * file, every column kept.
 *
 * @param id the row's unique name, such as {@code blouw-t1-xeon-e5-2630-dyn}
 * @param network the network measured, its key first ({@code blouw-kws: 390 -> Dense 256 ...})
 * @param device the device measured, such as {@code xeon-e5-2630}
 * @param batch how many inferences the device ran at once, {@code >= 1}
 * @param joulesPerInference the energy of one inference, in joules, {@code > 0}
 * @param kind whether idle power was subtracted
 * @param conditions how it was measured
 * @param source where the figure comes from
 * @param confidence how the figure was read from its source
 * @param model the bundled model or model file a lab's row names in its {@code model} column; empty
 *     where the network key names it
 * @param line the line of the file the row is on, for errors
 */
public record Measurement(
    String id,
    String network,
    String device,
    int batch,
    double joulesPerInference,
    Kind kind,
    String conditions,
    String source,
    String confidence,
    Optional<String> model,
    int line) {
  /** What a measured energy covers. */
  public enum Kind {
    /** Idle or floor power subtracted. */
    DYNAMIC,
    /** Everything on the measured rails, static power included. */
    TOTAL;

    /** {@return how files name it: {@code dynamic} or {@code total}} */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the kind labelled {@code label}}
     *
     * @param label {@code dynamic} or {@code total}, ignoring case
     * @throws IllegalArgumentException for any other label
     */
    public static Kind parse(String label) {
      for (Kind k : values()) {
        if (k.label().equalsIgnoreCase(label.strip())) {
          return k;
        }
      }
      throw new IllegalArgumentException("kind must be dynamic or total, was '" + label + "'");
    }
  }

  /**
   * Checks every component.
   *
   * @param id the row's name
   * @param network the network measured
   * @param device the device measured
   * @param batch the batch the device ran
   * @param joulesPerInference joules per inference
   * @param kind dynamic or total
   * @param conditions how it was measured
   * @param source where it comes from
   * @param confidence how it was read
   * @param model the model a lab's row names, if any
   * @param line the file line
   */
  public Measurement {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(network, "network == null");
    Objects.requireNonNull(device, "device == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(conditions, "conditions == null");
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(confidence, "confidence == null");
    Objects.requireNonNull(model, "model == null");
    if (batch < 1) {
      throw new IllegalArgumentException("row '" + id + "': batch must be >= 1, was " + batch);
    }
    if (!(joulesPerInference > 0 && Double.isFinite(joulesPerInference))) {
      throw new IllegalArgumentException(
          "row '"
              + id
              + "': joules_per_inference must be a positive number, was "
              + joulesPerInference);
    }
  }

  /**
   * {@return the key of the network: the text of the {@code network} column before its first {@code
   * :} or space, lower case, such as {@code blouw-kws} or {@code mlperf-tiny-ad}}
   */
  public String networkKey() {
    String n = network.strip();
    int end = n.length();
    for (int i = 0; i < n.length(); i++) {
      if (n.charAt(i) == ':' || n.charAt(i) == ' ') {
        end = i;
        break;
      }
    }
    return n.substring(0, end).toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the device and kind a fit groups this row under, such as {@code xeon-e5-2630
   * (dynamic)}: dynamic and total energies of one device are fitted apart}
   */
  public String group() {
    return device + " (" + kind.label() + ")";
  }
}
