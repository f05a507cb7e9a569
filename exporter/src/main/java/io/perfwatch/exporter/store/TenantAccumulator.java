package io.perfwatch.exporter.store;

/** The current minute of one tenant in one stripe. */
final class TenantAccumulator implements Accumulator<TenantRollup> {
  private long requests;
  private long errors;

  void add(RequestMetrics request) {
    requests++;
    if (request.isServerError()) {
      errors++;
    }
  }

  @Override
  public boolean isEmpty() {
    return requests == 0;
  }

  @Override
  public TenantRollup snapshot() {
    return new TenantRollup(requests, errors);
  }

  @Override
  public void reset() {
    requests = 0;
    errors = 0;
  }
}
