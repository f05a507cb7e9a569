package io.perfwatch.exporter.store;

/**
 * One step of an endpoint's time series; avgMs and p95Ms are 0 when count is 0.
 *
 * @param startMillis start of the minute or hour, epoch milliseconds
 * @param errors server errors (status 500..599)
 */
public record SeriesPoint(long startMillis, long count, double avgMs, double p95Ms, long errors) {}
