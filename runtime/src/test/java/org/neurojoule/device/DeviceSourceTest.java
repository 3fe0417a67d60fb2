package org.neurojoule.device;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Devices say where their figures come from. */
class DeviceSourceTest {
  @Test
  void builtIns_citeTheirPapers() {
    assertThat(BuiltInDevices.CPU.source())
        .isEqualTo("Intel i7-4960X; Degnan, Marr & Hasler, IEEE TVLSI 24(1), 2015");
    assertThat(BuiltInDevices.LOIHI.source())
        .isEqualTo("Intel Loihi; Davies et al., IEEE Micro 38(1), 2018");
    assertThat(BuiltInDevices.SPINNAKER2.source())
        .isEqualTo("SpiNNaker 2; Höppner et al., IEEE TCAS-I 66(8), 2019");
    BuiltInDevices.ALL.forEach(d -> assertThat(d.source()).isNotEmpty());
  }

  @Test
  void theSameFigures_citeTheSource_otherFiguresNone() {
    assertThat(new Device("gpu", 0.3e-9, 0.3e-9, false).source())
        .isEqualTo("Nvidia GTX Titan Black; Degnan, Marr & Hasler, IEEE TVLSI 24(1), 2015");
    assertThat(new Device("gpu", 1e-9, 0.3e-9, false).source()).isEmpty();
    assertThat(new Device("mine", 1e-9, 1e-9, false).source()).isEmpty();
  }

  @Test
  void builtIns_sayWhatTheyCount_nodeKindAndFullCitation() {
    DeviceRegistry r = DeviceRegistry.withBuiltIns();
    DeviceInfo loihi = r.info("LOIHI");
    assertThat(loihi.counts())
        .startsWith(
            "synaptic op 27.1 pJ = 23.6 pJ minimum synaptic spike op"
                + " + 3.5 pJ across-tile spike energy per tile hop (Table 1)");
    assertThat(loihi.node()).isEqualTo("14 nm");
    assertThat(loihi.kind()).isEqualTo(DeviceInfo.Kind.MEASURED);
    assertThat(loihi.source())
        .isEqualTo(
            "M. Davies et al., \"Loihi: A Neuromorphic Manycore"
                + " Processor with On-Chip Learning\", IEEE Micro 38(1):82-99, 2018");
    assertThat(r.info("cpu").kind().label()).isEqualTo("derived");
    r.names().forEach(n -> assertThat(r.info(n).source()).isNotEmpty());
  }

  @Test
  void aDeviceRegisteredWithoutInfo_citesOnlyWhatItsFiguresCite() {
    DeviceRegistry r = DeviceRegistry.withBuiltIns();
    r.register(new Device("gpu", 1e-9, 1e-9, false));
    assertThat(r.info("gpu")).isEqualTo(DeviceInfo.citing(""));
    assertThat(r.info("gpu").kind().label()).isEmpty();
    r.register(new Device("gpu", 0.3e-9, 0.3e-9, false));
    assertThat(r.info("gpu").source()).startsWith("Nvidia GTX Titan Black; Degnan");
  }
}
