package dev.weft.scenario.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.Link;
import dev.weft.scenario.NetworkConfig;
import dev.weft.yaml.YamlReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The network records bind with the existing binder: units, defaults and checks. */
class NetworkConfigBindingTest {

  static <T extends Record> T bind(String yaml, Class<T> type, Binder b) throws Exception {
    return b.bind(YamlReader.readString(yaml, "n.yaml"), type);
  }

  @Test
  void bindsUnitsDefaultsAndNestedLists() throws Exception {
    Binder b = new Binder(v -> List.of());
    NetworkConfig c = bind("""
        regions: ../models/network/regions.yaml
        latency: vivaldi
        backbone:
          - {from: us-east, to: eu-west, capacity: 100Gbps}
        faults:
          - {kind: partition, regions: [ap-south], at: 1h, duration: 10m}
          - {kind: disconnect, nodeClass: home, duration: {dist: exponential, mean: 2h},
             interval: {dist: weibull, shape: 0.7, scale: 3d}}
        """, NetworkConfig.class, b);
    assertEquals(List.of(), b.errors());
    assertEquals("vivaldi", c.latency());
    assertEquals(false, c.tcp());
    assertEquals(4194304.0, c.tcpWindow());
    assertEquals("fail", c.faultPolicy());
    assertEquals(100e9, c.backbone().get(0).capacity());
    assertEquals(3600.0, c.faults().get(0).at());
    assertEquals(600.0, c.faults().get(0).duration().params().get("value"));
    assertNull(c.faults().get(1).at());
    assertEquals(7200.0, c.faults().get(1).duration().params().get("mean"));
    assertEquals(259200.0, c.faults().get(1).interval().params().get("scale"));
    Link l = bind("{up: 20Mbps, down: 100Mbps}", Link.class, b);
    assertEquals(new Link(20e6, 100e6), l);
  }

  @Test
  void aMinimalSectionGetsEmptyListsThatWriteBackAndRebind() throws Exception {
    Binder b = new Binder(v -> List.of());
    NetworkConfig c = bind("regions: r.yaml", NetworkConfig.class, b);
    assertEquals(List.of(), c.backbone());
    assertEquals(List.of(), c.faults());
    String resolved = RecordWriter.toYaml(c, "");
    assertEquals(c, bind(resolved, NetworkConfig.class, new Binder(v -> List.of())));
  }

  @Test
  void badValuesAreReportedWithTheirPlace() throws Exception {
    Binder b = new Binder(v -> List.of());
    assertNull(bind("""
        regions: r.yaml
        latency: euclid
        """, NetworkConfig.class, b));
    assertTrue(b.errors().toString().contains("unknown latency model 'euclid'"),
        b.errors().toString());
    Binder b2 = new Binder(v -> List.of());
    bind("""
        regions: r.yaml
        backbone: [{from: a, to: b, capacity: 10GB}]
        faults: [{kind: link, regions: [a, b], duration: 1m}]
        """, NetworkConfig.class, b2);
    String errs = b2.errors().toString();
    assertTrue(errs.contains("n.yaml:2:"), errs);
    assertTrue(errs.contains("bandwidth"), errs);
    assertTrue(errs.contains("needs 'at', 'interval' or both"), errs);
    Binder b3 = new Binder(v -> List.of());
    bind("{up: 0, down: 1Gbps}", Link.class, b3);
    assertTrue(b3.errors().toString().contains("must be > 0"), b3.errors().toString());
  }
}
