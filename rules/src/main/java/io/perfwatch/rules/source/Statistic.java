package io.perfwatch.rules.source;

import java.util.EnumSet;
import java.util.Set;

/**
 * A family of statistics a window can carry. A fleet source is asked only for the families the rules reading a
 * window need, so that Prometheus never evaluates a query whose answer no rule reads; a family not asked for is
 * absent from the window (no endpoints without {@link #REQUESTS}, NaN percentiles without {@link #PERCENTILES}).
 * The in-process store and the scrape source always fill every family: they cost nothing to read.
 */
public enum Statistic {
  /** Requests per endpoint and status: the endpoints themselves, counts and error rates. */
  REQUESTS,
  /** Total request time per endpoint: the average latency. */
  DURATION,
  /** p50, p95 and p99 per endpoint and over all of them, from the request-duration buckets. */
  PERCENTILES,
  /** The longest request per endpoint. */
  MAX,
  /** SQL statements per request and endpoint. */
  QUERIES_PER_REQUEST,
  /** Statements per operation and table: counts, errors, time, p95 and max. */
  DATABASE,
  /** N+1 findings per endpoint and table. */
  N_PLUS_ONE,
  /** Requests per tenant. */
  TENANTS,
  /** Host gauges per instance: CPU, memory, disks, requests in flight, pool connections. */
  HOST;

  /** Everything: what a window asked without saying what it is for carries. */
  public static Set<Statistic> all() {
    return EnumSet.allOf(Statistic.class);
  }
}
