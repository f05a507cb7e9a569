package io.perfwatch.exporter.store;

/** Requests and server errors of one tenant during one minute or hour. */
record TenantRollup(long requests, long errors) implements Rollup<TenantRollup> {

  @Override
  public TenantRollup merge(TenantRollup other) {
    return new TenantRollup(requests + other.requests, errors + other.errors);
  }
}
