package io.perfwatch.exporter.internal.jdbc;

import com.p6spy.engine.event.JdbcEventListener;
import com.p6spy.engine.spy.P6DataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.internal.meter.Buckets;
import io.perfwatch.exporter.jdbc.PerfWatchP6Module;
import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.exporter.store.NPlusOneFinding;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDBC instrumentation: wraps a {@link DataSource} in P6Spy, records {@code db.query.duration},
 * {@code db.connections.active}, {@code db.connection.acquire} and {@code db.n.plus.one}, and hands every statement
 * and N+1 finding to the given sinks. Meters are registered at construction, because the label limiters need the
 * registry from the start; hence a constructor rather than {@code MeterBinder.bindTo}.
 *
 * <p>Wrapping never touches P6Spy's global configuration: the wrapped DataSource gets our listener directly, so
 * P6Spy's module manager (the part that reads {@code spy.properties} and writes {@code spy.log}) is never loaded on
 * this path, and a user's own P6Spy setup stays as it is.
 */
public final class JdbcMetrics {
  private volatile boolean inUse;
  private static final Logger LOG = LoggerFactory.getLogger(JdbcMetrics.class);

  private final JdbcMetricsListener listener;
  private final QueryShapes shapes;
  private final NPlusOneDetector detector;
  private final Consumer<NPlusOneFinding> findingSink;
  private final AtomicBoolean findingFailureLogged = new AtomicBoolean();

  public JdbcMetrics(MeterRegistry registry, PerfWatchConfig config, Consumer<DatabaseMetrics> querySink,
      Consumer<NPlusOneFinding> findingSink) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(config, "config");
    this.findingSink = Objects.requireNonNull(findingSink, "findingSink");
    this.shapes = new QueryShapes(registry, config.maxQueryLength(), config.maxQueryFingerprints(), config.maxTables());
    this.detector = new NPlusOneDetector(registry, config.nPlusOneMinRepeats());
    Timer acquire = Timer.builder("db.connection.acquire")
        .description("Time to obtain a connection from the instrumented DataSource")
        .serviceLevelObjectives(Buckets.DATABASE)
        .register(registry);
    this.listener = new JdbcMetricsListener(shapes, Objects.requireNonNull(querySink, "querySink"), acquire);
    Gauge.builder("db.connections.active", listener, JdbcMetricsListener::activeConnections)
        .description("Connections obtained through the instrumented DataSource and not yet closed")
        .strongReference(true)
        .register(registry);
  }

  /** {@code dataSource} instrumented: a P6Spy {@link P6DataSource} reporting to this instance. */
  public DataSource wrap(DataSource dataSource) {
    inUse = true;
    P6DataSource wrapped = new P6DataSource(Objects.requireNonNull(dataSource, "dataSource"));
    wrapped.setJdbcEventListenerFactory(() -> listener);
    return wrapped;
  }

  /**
   * Ends the request's accounting on this thread: detects N+1 patterns, counts them in {@code db.n.plus.one} and
   * hands them to the finding sink. Call it once per {@link RequestQueries#begin}, after reading the totals.
   *
   * @return the findings, also given to the sink; empty in the common case, without allocation
   */
  public List<NPlusOneFinding> endRequest(RequestQueries request, String method, String route, long timestampMillis) {
    try {
      List<NPlusOneFinding> findings = detector.detect(request, method, route, timestampMillis);
      for (NPlusOneFinding finding : findings) {
        findingSink.accept(finding);
      }
      return findings;
    } catch (RuntimeException failure) {
      if (findingFailureLogged.compareAndSet(false, true)) {
        LOG.warn("perfwatch N+1 detection failed; requests keep running, further failures are not logged", failure);
      }
      return List.of();
    } finally {
      request.end();
    }
  }

  /** Connections obtained through wrapped DataSources and not yet closed. */
  public long activeConnections() {
    return listener.activeConnections();
  }

  /**
   * Makes {@link PerfWatchP6Module} report to this instance, for applications that configure P6Spy through
   * {@code spy.properties} and a {@code jdbc:p6spy:} URL. The last registered instance wins.
   */
  /** True once a DataSource was wrapped or the P6Spy module registered: only then are queries per request worth recording. */
  public boolean inUse() {
    return inUse;
  }

  public void registerForP6SpyModule() {
    inUse = true;
    PerfWatchP6Module.register(listener);
  }

  /** The P6Spy listener a wrapped DataSource reports to (for benchmarks that time it without a database). */
  public JdbcEventListener listener() {
    return listener;
  }

  QueryShapes shapes() {
    return shapes;
  }
}
