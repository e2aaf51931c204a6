package dev.weft.scenario.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.scenario.Quantity;
import org.junit.jupiter.api.Test;

class QuantityTest {
  @Test
  void durations() {
    assertEquals(0.25, Quantity.DURATION.parse("250ms"));
    assertEquals(2.0, Quantity.DURATION.parse("2s"));
    assertEquals(300.0, Quantity.DURATION.parse("5m"));
    assertEquals(21600.0, Quantity.DURATION.parse("6h"));
    assertEquals(259200.0, Quantity.DURATION.parse("3d"));
    assertEquals(1.5, Quantity.DURATION.parse("1.5"));
    assertEquals(3.0, Quantity.DURATION.parse(" 3 s "));
  }

  @Test
  void sizesBandwidthsRates() {
    assertEquals(512.0 * 1024 * 1024, Quantity.DATA_SIZE.parse("512MiB"));
    assertEquals(16e9, Quantity.DATA_SIZE.parse("16GB"));
    assertEquals(1.5e12, Quantity.DATA_SIZE.parse("1.5TB"));
    assertEquals(20e6, Quantity.BANDWIDTH.parse("20Mbps"));
    assertEquals(10e9, Quantity.BANDWIDTH.parse("10Gbps"));
    assertEquals(50.0, Quantity.RATE.parse("50/s"));
    assertEquals(0.05, Quantity.RATE.parse("3/m"), 1e-15);
    assertEquals(1000 / 3600.0, Quantity.RATE.parse("1000/h"), 1e-15);
    assertEquals(2e6 / 86400, Quantity.RATE.parse("2e6/d"), 1e-9);
    assertEquals(1e-3, Quantity.NUMBER.parse("1e-3"));
  }

  @Test
  void rejectsNonsense() {
    for (String s : new String[] {"", "s", "2 hours", "NaN", "Infinity", "1e999", "2x", "--1",
        "1.2.3s", "0x10"}) {
      assertThrows(IllegalArgumentException.class, () -> Quantity.DURATION.parse(s), s);
    }
    assertThrows(IllegalArgumentException.class, () -> Quantity.RATE.parse("5/fortnight"));
    assertThrows(IllegalArgumentException.class, () -> Quantity.NUMBER.parse("5s"));
  }
}
