package io.perfwatch.exporter.store;

/** Requests and server errors of one tenant during one minute or hour. */
record TenantRollup(long requests, long errors) implements Rollup<TenantRollup> {

  static final RollupCodec<TenantRollup> CODEC = new RollupCodec<>() {
    @Override
    public void write(TenantRollup r, int subBits, Bytes.Writer out) {
      out.varLong(r.requests).varLong(r.errors);
    }

    @Override
    public TenantRollup read(Bytes.Reader in) {
      return new TenantRollup(in.varLong(), in.varLong());
    }
  };

  @Override
  public TenantRollup merge(TenantRollup other) {
    return new TenantRollup(requests + other.requests, errors + other.errors);
  }
}
