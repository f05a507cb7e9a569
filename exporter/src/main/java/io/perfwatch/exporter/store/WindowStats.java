package io.perfwatch.exporter.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the store knows about one window, as an immutable snapshot.
 *
 * @param fromMillis requested start; rollups are included from the start of the minute (hour, for data older than
 *     60 minutes) that contains it, so the answer covers at least the requested window
 * @param total all endpoints merged, with method and route {@code *}
 * @param endpoints busiest first
 * @param queries most total time first
 * @param nPlusOne N+1 findings of the window still in the raw ring buffer, oldest first
 * @param system host samples of the window still in the raw ring buffer, oldest first
 * @param requestsByTenant requests per tenant; requests without a tenant are not counted here
 */
public record WindowStats(
    long fromMillis,
    long toMillis,
    EndpointStats total,
    List<EndpointStats> endpoints,
    List<QueryStats> queries,
    List<NPlusOneFinding> nPlusOne,
    List<SystemMetrics> system,
    Map<String, Long> requestsByTenant) {

  public WindowStats {
    Objects.requireNonNull(total, "total");
    endpoints = List.copyOf(endpoints);
    queries = List.copyOf(queries);
    nPlusOne = List.copyOf(nPlusOne);
    system = List.copyOf(system);
    requestsByTenant = Map.copyOf(requestsByTenant);
  }

  public Optional<EndpointStats> endpoint(String method, String route) {
    return endpoints.stream().filter(e -> e.method().equals(method) && e.route().equals(route)).findFirst();
  }
}
