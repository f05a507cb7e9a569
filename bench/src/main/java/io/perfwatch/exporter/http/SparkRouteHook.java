package io.perfwatch.exporter.http;

import spark.route.HttpMethod;

/**
 * For the benchmarks only: the call Spark's route matcher makes through {@link RouteCapture} when a route matched,
 * without Spark's own matching (which costs the same with or without perfwatch).
 */
public final class SparkRouteHook {
  private SparkRouteHook() {}

  public static void routeMatched(HttpMethod method, String template) {
    ActiveRequest.routeLookedUp(method, template);
  }
}
