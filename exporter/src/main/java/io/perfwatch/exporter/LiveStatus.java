package io.perfwatch.exporter;

import java.util.Objects;

/**
 * The live status of one perfwatch instance.
 *
 * @param requestsTotal HTTP requests recorded since start
 * @param activeRequests HTTP requests in flight now
 * @param activeConnections connections obtained through wrapped DataSources and not yet closed
 * @param instrumentationErrors failures inside perfwatch's own instrumentation since start (0 in a healthy app)
 * @param host the latest host reading (NaN fields before the first sample or after a failed one)
 */
public record LiveStatus(long requestsTotal, long activeRequests, long activeConnections,
    long instrumentationErrors, HostReading host) {

  public LiveStatus {
    Objects.requireNonNull(host, "host");
  }
}
