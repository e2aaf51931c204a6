package dev.weft.scenario;

import dev.weft.random.Distribution;
import dev.weft.random.Distributions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A distribution as written in a scenario, parameters already in base units. {@code rate} (of an
 * exponential) is stored as given, per base unit.
 */
public record DistSpec(String dist, Map<String, Double> params, List<Double> values) {

  /** Parameters each distribution takes: required first, then optional (after "|"). */
  public static final Map<String, String> SIGNATURES = new TreeMap<>(Map.of(
      "constant", "value",
      "exponential", "mean|rate",
      "uniform", "min,max",
      "normal", "mean,sd|min,max",
      "lognormal", "median,sigma|mean,sd",
      "weibull", "shape,scale",
      "pareto", "shape,scale",
      "empirical", "values"));

  /** Parameters that are plain numbers whatever the quantity (shape parameters). */
  public static final Set<String> DIMENSIONLESS = Set.of("shape", "sigma");

  public DistSpec {
    // in the order written: Map.copyOf would iterate in a different order in every JVM,
    // and the resolved scenario must come out byte for byte the same
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    values = values == null ? List.of() : List.copyOf(values);
  }

  public static DistSpec constant(double value) {
    return new DistSpec("constant", Map.of("value", value), List.of());
  }

  public static DistSpec exponentialMean(double mean) {
    return new DistSpec("exponential", Map.of("mean", mean), List.of());
  }

  private double p(String key) {
    Double v = params.get(key);
    if (v == null) {
      throw new IllegalArgumentException(dist + " needs '" + key + "'");
    }
    return v;
  }

  private double p(String key, double otherwise) {
    return params.getOrDefault(key, otherwise);
  }

  /** Builds the sampler-ready distribution; throws IllegalArgumentException on bad parameters. */
  public Distribution toDistribution() {
    return switch (dist) {
      case "constant" -> Distributions.constant(p("value"));
      case "exponential" -> {
        if (params.containsKey("mean") == params.containsKey("rate")) {
          throw new IllegalArgumentException("exponential needs exactly one of 'mean' or 'rate'");
        }
        yield Distributions.exponential(params.containsKey("mean") ? p("mean") : 1.0 / p("rate"));
      }
      case "uniform" -> Distributions.uniform(p("min"), p("max"));
      case "normal" -> Distributions.normal(p("mean"), p("sd"),
          p("min", Double.NEGATIVE_INFINITY), p("max", Double.POSITIVE_INFINITY));
      case "lognormal" -> {
        boolean median = params.containsKey("median") || params.containsKey("sigma");
        boolean moments = params.containsKey("mean") || params.containsKey("sd");
        if (median == moments) {
          throw new IllegalArgumentException(
              "lognormal needs either 'median' and 'sigma' or 'mean' and 'sd'");
        }
        yield median ? Distributions.lognormalMedian(p("median"), p("sigma"))
            : Distributions.lognormalMeanSd(p("mean"), p("sd"));
      }
      case "weibull" -> Distributions.weibull(p("shape"), p("scale"));
      case "pareto" -> Distributions.pareto(p("shape"), p("scale"));
      case "empirical" -> Distributions.empirical(
          values.stream().mapToDouble(Double::doubleValue).toArray());
      default -> throw new IllegalArgumentException("unknown distribution '" + dist + "'");
    };
  }

  /** Smallest value the distribution can produce (for checks such as 'service time >= 0'). */
  public double lowerBound() {
    return switch (dist) {
      case "constant" -> p("value");
      case "uniform" -> p("min");
      case "normal" -> p("min", Double.NEGATIVE_INFINITY);
      case "empirical" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      case "pareto" -> p("scale");
      default -> 0.0;
    };
  }
}
