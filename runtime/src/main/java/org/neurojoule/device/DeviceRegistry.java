package org.neurojoule.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The devices energy can be estimated on: the built-in ones and those registered by the user.
 * Names are matched ignoring case; registration order is kept for listings. Thread safe.
 */
public final class DeviceRegistry {
  private final Map<String, Device> devices = new LinkedHashMap<>();
  private final Map<String, DeviceInfo> infos = new LinkedHashMap<>();

  /** {@return a registry holding the built-in devices} */
  public static DeviceRegistry withBuiltIns() {
    DeviceRegistry r = new DeviceRegistry();
    BuiltInDevices.ALL.forEach(d -> r.register(d, BuiltInDevices.INFO.get(d)));
    return r;
  }

  /**
   * Adds {@code device}, replacing any device of the same name.
   *
   * @param device the device to add
   * @return the device it replaced, if any
   * 
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
    Objects.requireNonNull(device, "device == null");
    Objects.requireNonNull(info, "info == null");
    infos.put(key(device.name()), info);
    return Optional.ofNullable(devices.put(key(device.name()), device));
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
   * {@return the device named {@code name}, ignoring case}
   *
   * @param name the device name
   * @throws IllegalArgumentException if there is none, listing the known devices
   * 
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

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
