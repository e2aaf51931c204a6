package dev.weft.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Build facts about this Weft. */
public final class Weft {
  private static final String VERSION = load();

  private Weft() {}

  public static String version() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Weft.class.getResourceAsStream("/dev/weft/weft.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
