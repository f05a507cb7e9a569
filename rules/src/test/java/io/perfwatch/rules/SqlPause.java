package io.perfwatch.rules;

/** A SQL function for H2 (public: H2 calls it by reflection) that makes a statement slow for a known reason. */
public final class SqlPause {
  private SqlPause() {}

  public static int pause(int millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }
}
