package org.neurojoule.device;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neurojoule.Dtype;

/**
 * What the energy models beyond the reference's charge on a device: a multiply-accumulate, an
 * accumulate, and a memory access by the size of the memory that holds the data. Kept beside {@link
 * Device} so that the reference's four figures and their equality stay as they are.
 *
 * @param energyPerMac joules per multiply-accumulate (a connection of a non-event-driven layer)
 * @param energyPerAc joules per accumulate (a synaptic event of an event-driven layer)
 * @param sram the on-chip memories, smallest first: joules per 64-bit word access by capacity
 * @param dramEnergyPerWord joules per 64-bit word access for data larger than every SRAM tier
 * @param dataBits the width of weights, activations and potentials, in bits (1 to 64)
 * @param perType the figures of a layer stored in one of these formats, where the device gives
 *     them: its MACs and ACs cost the figures of its weights' format, its memory words are as wide
 *     as that format's data bits; a layer in any other format costs the figures above
 */
public record OperationCosts(
    double energyPerMac,
    double energyPerAc,
    List<MemoryTier> sram,
    double dramEnergyPerWord,
    int dataBits,
    Map<Dtype, TypeFigures> perType) {
  /** Horowitz (ISSCC 2014, 45 nm): SRAM 10 / 20 / 100 pJ per 64-bit word at 8 KB / 32 KB / 1 MB. */
  public static final List<MemoryTier> HOROWITZ_SRAM =
      List.of(
          new MemoryTier(8L << 10, 10e-12),
          new MemoryTier(32L << 10, 20e-12),
          new MemoryTier(1L << 20, 100e-12));

  /** Horowitz's DRAM range is 1.3 to 2.6 nJ per 64-bit word; the upper end is the default. */
  public static final double HOROWITZ_DRAM = 2.6e-9;

  /** The data width unless a device gives one: 32-bit floats, as the reference assumes. */
  public static final int DEFAULT_DATA_BITS = 32;

  /**
   * One on-chip memory.
   *
   * @param capacityBytes how many bytes it holds
   * @param energyPerWord joules per 64-bit word read or written
   */
  public record MemoryTier(long capacityBytes, double energyPerWord) {
    /**
     * Checks the figures.
     *
     * @param capacityBytes how many bytes it holds, {@code > 0}
     * @param energyPerWord joules per 64-bit word access, finite and {@code >= 0}
     */
    public MemoryTier {
      if (capacityBytes < 1) {
        throw new IllegalArgumentException("capacity must be >= 1 byte, was " + capacityBytes);
      }
      checkEnergy("energyPerWord", energyPerWord);
    }
  }

  /**
   * The figures of one number format on a device.
   *
   * @param energyPerMac joules per multiply-accumulate of values in the format
   * @param energyPerAc joules per accumulate
   * @param dataBits the width of a value in memory, in bits (1 to 64)
   */
  public record TypeFigures(double energyPerMac, double energyPerAc, int dataBits) {
    /**
     * Checks the figures.
     *
     * @param energyPerMac joules per multiply-accumulate, finite and {@code >= 0}
     * @param energyPerAc joules per accumulate, finite and {@code >= 0}
     * @param dataBits the width in bits, 1 to 64
     */
    public TypeFigures {
      checkEnergy("energyPerMac", energyPerMac);
      checkEnergy("energyPerAc", energyPerAc);
      checkBits(dataBits);
    }
  }

  /**
   * Checks every figure; a bad one is an error naming it.
   *
   * @param energyPerMac joules per multiply-accumulate
   * @param energyPerAc joules per accumulate
   * @param sram the SRAM tiers, capacities strictly increasing
   * @param dramEnergyPerWord joules per 64-bit DRAM word access
   * @param dataBits the data width in bits
   * @param perType the figures of each format the device gives its own for
   */
  public OperationCosts {
    perType = Map.copyOf(Objects.requireNonNull(perType, "perType == null"));
    checkEnergy("energyPerMac", energyPerMac);
    checkEnergy("energyPerAc", energyPerAc);
    checkEnergy("dramEnergyPerWord", dramEnergyPerWord);
    sram = List.copyOf(Objects.requireNonNull(sram, "sram == null"));
    for (int i = 1; i < sram.size(); i++) {
      if (sram.get(i).capacityBytes() <= sram.get(i - 1).capacityBytes()) {
        throw new IllegalArgumentException(
            "sram tiers must grow in capacity, but tier "
                + (i + 1)
                + " holds "
                + sram.get(i).capacityBytes()
                + " bytes after "
                + sram.get(i - 1).capacityBytes());
      }
    }
    checkBits(dataBits);
  }

  /**
   * Costs with the same figures for every number format.
   *
   * @param energyPerMac joules per multiply-accumulate
   * @param energyPerAc joules per accumulate
   * @param sram the SRAM tiers, capacities strictly increasing
   * @param dramEnergyPerWord joules per 64-bit DRAM word access
   * @param dataBits the data width in bits
   */
  public OperationCosts(
      double energyPerMac,
      double energyPerAc,
      List<MemoryTier> sram,
      double dramEnergyPerWord,
      int dataBits) {
    this(energyPerMac, energyPerAc, sram, dramEnergyPerWord, dataBits, Map.of());
  }

  /**
   * {@return the costs a layer stored in {@code dtype} pays: this device's figures for the format
   * where it gives them (with the same memories), else these costs as they are}
   *
   * @param dtype the layer's format: its weights' for operations and weight reads, its activations'
   *     for the reads and writes of activations
   */
  public OperationCosts forDtype(Dtype dtype) {
    TypeFigures t = perType.get(Objects.requireNonNull(dtype, "dtype == null"));
    return t == null
        ? this
        : new OperationCosts(
            t.energyPerMac(), t.energyPerAc(), sram, dramEnergyPerWord, t.dataBits());
  }

  private static void checkBits(int dataBits) {
    if (dataBits < 1 || dataBits > 64) {
      throw new IllegalArgumentException("dataBits must be 1 to 64, was " + dataBits);
    }
  }

  /**
   * {@return the costs of a device that gives none of its own: MAC = AC = its energy per synaptic
   * operation, Horowitz's 45 nm memories, 32-bit data}
   *
   * @param device the device
   */
  public static OperationCosts defaultsFor(Device device) {
    return new OperationCosts(
        device.energyPerSynop(),
        device.energyPerSynop(),
        HOROWITZ_SRAM,
        HOROWITZ_DRAM,
        DEFAULT_DATA_BITS);
  }

  /**
   * {@return joules per access to one element of a tensor of {@code elements} elements}: the 64-bit
   * word energy of the smallest memory that holds the whole tensor (DRAM beyond the largest SRAM),
   * scaled by {@code dataBits / 64}.
   *
   * @param elements how many elements the tensor has, {@code >= 0}
   */
  public double accessEnergy(long elements) {
    // Bytes in double: a huge tensor must land in DRAM, not overflow into a small tier.
    double bytes = (double) elements * dataBits / 8;
    double perWord = dramEnergyPerWord;
    for (MemoryTier tier : sram) {
      if (bytes <= tier.capacityBytes()) {
        perWord = tier.energyPerWord();
        break;
      }
    }
    return perWord * dataBits / 64;
  }

  static void checkEnergy(String what, double joules) {
    if (!(joules >= 0 && joules <= Device.MAX_ENERGY_PER_OPERATION)) {
      throw new IllegalArgumentException(
          what
              + " must be a number of joules from 0 to "
              + Device.MAX_ENERGY_PER_OPERATION
              + ", was "
              + joules);
    }
  }
}
