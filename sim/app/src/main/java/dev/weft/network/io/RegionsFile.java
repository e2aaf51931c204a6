package dev.weft.network.io;

import dev.weft.network.RegionTable;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.YNode;
import dev.weft.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a region file: {@code regions} (a list of ids, or of maps with an {@code id}), {@code
 * rttMs} (one row per region, row = source, column = destination, milliseconds) and an optional
 * {@code intraRegionRttMs} used where the diagonal is null. Other keys (source, licence, ...)
 * are documentation. A matrix that differs between the two directions of a pair is made
 * symmetric with the mean of the two, since a round trip covers both directions.
 */
public final class RegionsFile {
  /** The longest round trip accepted: a minute, far beyond any path on Earth or via GEO. */
  static final double MAX_RTT_MS = 60_000;
  private RegionsFile() {}

  /** Reads {@code path}; errors carry {@code shownAs} with line and column. */
  public static RegionTable read(Path path, String shownAs) throws InputException {
    return parse(YamlReader.readFile(path, shownAs));
  }

  public static RegionTable parse(YNode root) throws InputException {
    List<InputError> errors = new ArrayList<>();
    if (!(root instanceof YNode.Mapping map)) {
      throw new InputException(root.where(), "a region file must be a map");
    }
    List<String> ids = new ArrayList<>();
    YNode regions = map.get("regions");
    if (!(regions instanceof YNode.Seq seq) || seq.items().isEmpty()) {
      throw new InputException(regions == null ? map.where() : regions.where(),
          "a region file needs 'regions': a list of region ids");
    }
    for (YNode item : seq.items()) {
      YNode idNode = item instanceof YNode.Mapping m ? m.get("id") : item;
      if (idNode instanceof YNode.Scalar s && !s.isNull()) {
        if (ids.contains(s.text())) {
          errors.add(new InputError(s.where(), "region '" + s.text() + "' is listed twice"));
        }
        ids.add(s.text());
      } else {
        errors.add(new InputError(item.where(), "each region needs an 'id'"));
      }
    }
    Double intra = null;
    YNode intraNode = map.get("intraRegionRttMs");
    if (intraNode != null) {
      intra = number(intraNode, errors);
    }
    int n = ids.size();
    double[][] ms = new double[n][n];
    YNode rtt = map.get("rttMs");
    if (!(rtt instanceof YNode.Seq rows) || rows.items().size() != n) {
      errors.add(new InputError(rtt == null ? map.where() : rtt.where(),
          "'rttMs' must have one row per region (" + n + ")"));
      throw new InputException(errors);
    }
    for (int i = 0; i < n; i++) {
      YNode row = rows.items().get(i);
      if (!(row instanceof YNode.Seq cells) || cells.items().size() != n) {
        errors.add(new InputError(row.where(), "row " + (i + 1) + " (" + ids.get(i)
            + ") must have " + n + " values"));
        continue;
      }
      for (int j = 0; j < n; j++) {
        YNode cell = cells.items().get(j);
        if (cell instanceof YNode.Scalar s && s.isNull()) {
          if (i != j) {
            errors.add(new InputError(cell.where(), "RTT " + ids.get(i) + " to " + ids.get(j)
                + " is missing"));
          } else if (intra == null) {
            errors.add(new InputError(cell.where(), "the RTT within " + ids.get(i)
                + " is missing and there is no 'intraRegionRttMs'"));
          } else {
            ms[i][j] = intra;
          }
          continue;
        }
        Double v = number(cell, errors);
        if (v != null) {
          ms[i][j] = v;
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    double[][] seconds = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        seconds[i][j] = (ms[i][j] + ms[j][i]) / 2 / 1000;
      }
    }
    return new RegionTable(ids, seconds);
  }

  private static Double number(YNode node, List<InputError> errors) {
    if (node instanceof YNode.Scalar s && !s.isNull()) {
      try {
        double v = Double.parseDouble(s.text());
        if (v >= 0 && v <= MAX_RTT_MS) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    // the cell is not quoted: a region file named by mistake may hold anything
    errors.add(new InputError(node.where(), "expected a round-trip time in ms (a number from 0"
        + " to " + (long) MAX_RTT_MS + ")"));
    return null;
  }
}
