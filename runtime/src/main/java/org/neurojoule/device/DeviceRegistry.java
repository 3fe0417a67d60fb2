package org.neurojoule.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The devices energy can be estimated on: the built-in ones and those registered by the user. Names
 * are matched ignoring case; registration order is kept for listings. Thread safe.
 *
 * <p>{@link #defaults()} is the one registry that estimates, summaries and {@code
 * ModelEnergy.registerDevice} use; {@link #withBuiltIns()} makes a fresh, independent one.
 */
public final class DeviceRegistry {
  /** Built lazily: reading the catalogue costs a parse that tests of other types never need. */
  private static final class Default {
    static final DeviceRegistry INSTANCE = withBuiltIns();
  }

  private final Map<String, Device> devices = new LinkedHashMap<>();
  private final Map<String, DeviceInfo> infos = new LinkedHashMap<>();
  private final Map<String, OperationCosts> costs = new LinkedHashMap<>();
  private final Map<String, CalibratedTerms> calibrations = new LinkedHashMap<>();

  /** Catalogue devices not replaced since; listings that take every device leave them out. */
  private final Set<String> catalogueOnly = new HashSet<>();

  /** The catalogue beyond the six built-ins, in the users' device file format. */
  static final String CATALOGUE = "catalogue.json";

  /** An empty registry; {@link #withBuiltIns()} fills one. */
  private DeviceRegistry() {}

  /**
   * {@return the shared registry: the built-in devices, the catalogue's, and every device
   * registered since through it or {@code ModelEnergy}'s static methods}
   */
  public static DeviceRegistry defaults() {
    return Default.INSTANCE;
  }

  /** {@return a new registry holding the built-in devices, then the catalogue's} */
  public static DeviceRegistry withBuiltIns() {
    DeviceRegistry r = new DeviceRegistry();
    BuiltInDevices.ALL.forEach(d -> r.register(d, BuiltInDevices.INFO.get(d)));
    catalogue()
        .forEach(
            e -> {
              r.register(e.device(), e.info(), e.costs());
              e.calibration().ifPresent(t -> r.calibrations.put(key(e.device().name()), t));
              r.catalogueOnly.add(key(e.device().name()));
            });
    return r;
  }

  /** {@return the devices of the catalogue resource} */
  static List<DeviceFile.Entry> catalogue() {
    try (InputStream in = DeviceRegistry.class.getResourceAsStream(CATALOGUE)) {
      if (in == null) {
        throw new IllegalStateException("the device catalogue " + CATALOGUE + " is missing");
      }
      return DeviceFile.parse(new InputStreamReader(in, StandardCharsets.UTF_8), CATALOGUE);
    } catch (IOException e) {
      throw new UncheckedIOException("the device catalogue " + CATALOGUE + " cannot be read", e);
    }
  }

  /**
   * Adds {@code device}, replacing any device of the same name.
   *
   * @param device the device to add
   * @return the device it replaced, if any
   */
  public synchronized Optional<Device> register(Device device) {
    return register(device, DeviceInfo.citing(device.source()));
  }

  /**
   * Adds {@code device} with what its figures mean, replacing any device of the same name.
   *
   * @param device the device to add
   * @param info what its figures count, its node, kind and citation
   * @return the device it replaced, if any
   */
  public synchronized Optional<Device> register(Device device, DeviceInfo info) {
    return register(
        device, info, OperationCosts.defaultsFor(Objects.requireNonNull(device, "device == null")));
  }

  /**
   * Adds {@code device} with what its figures mean and what the energy models beyond the
   * reference's charge on it, replacing any device of the same name.
   *
   * @param device the device to add
   * @param info what its figures count, its node, kind and citation
   * @param costs its MAC, AC and memory figures
   * @return the device it replaced, if any
   */
  public synchronized Optional<Device> register(
      Device device, DeviceInfo info, OperationCosts costs) {
    Objects.requireNonNull(device, "device == null");
    Objects.requireNonNull(info, "info == null");
    Objects.requireNonNull(costs, "costs == null");
    infos.put(key(device.name()), info);
    this.costs.put(key(device.name()), costs);
    calibrations.remove(key(device.name()));
    catalogueOnly.remove(key(device.name()));
    return Optional.ofNullable(devices.put(key(device.name()), device));
  }

  /**
   * Adds the device of a device file entry with everything the entry gives, its calibrated terms
   * included, replacing any device of the same name.
   *
   * @param entry the entry
   * @return the device it replaced, if any
   */
  public synchronized Optional<Device> register(DeviceFile.Entry entry) {
    Optional<Device> before = register(entry.device(), entry.info(), entry.costs());
    entry.calibration().ifPresent(t -> calibrations.put(key(entry.device().name()), t));
    return before;
  }

  /**
   * {@return the terms fitted on measurements of the device named {@code name}, which {@code
   * EnergyModel.CALIBRATED} charges; empty for a device without them}
   *
   * @param name the device name, ignoring case
   * @throws IllegalArgumentException if there is no such device, listing the known devices
   */
  public synchronized Optional<CalibratedTerms> calibration(String name) {
    get(name);
    return Optional.ofNullable(calibrations.get(key(name)));
  }

  /**
   * {@return what the figures of the device named {@code name} mean, ignoring case}
   *
   * @param name the device name
   * @throws IllegalArgumentException if there is none, listing the known devices
   */
  public synchronized DeviceInfo info(String name) {
    get(name);
    return infos.get(key(name));
  }

  /**
   * {@return the MAC, AC and memory figures of the device named {@code name}, ignoring case}
   *
   * @param name the device name
   * @throws IllegalArgumentException if there is none, listing the known devices
   */
  public synchronized OperationCosts costs(String name) {
    get(name);
    return costs.get(key(name));
  }

  /**
   * {@return the device named {@code name}, ignoring case}
   *
   * @param name the device name
   * @throws IllegalArgumentException if there is none, listing the known devices
   */
  public synchronized Device get(String name) {
    Objects.requireNonNull(name, "device == null");
    Device d = devices.get(key(name));
    if (d == null) {
      throw new IllegalArgumentException(
          "unknown device '" + name + "'; known devices: " + String.join(", ", names()));
    }
    return d;
  }

  /** {@return the names of the known devices, built-in ones first} */
  public synchronized List<String> names() {
    List<String> out = new ArrayList<>();
    devices.values().forEach(d -> out.add(d.name()));
    return out;
  }

  /**
   * {@return the names of the devices a default listing shows: the built-in ones and those
   * registered since, without the catalogue's unless one was registered again}
   */
  public synchronized List<String> namesBeyondCatalogue() {
    List<String> out = new ArrayList<>();
    devices.forEach(
        (k, d) -> {
          if (!catalogueOnly.contains(k)) {
            out.add(d.name());
          }
        });
    return out;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
