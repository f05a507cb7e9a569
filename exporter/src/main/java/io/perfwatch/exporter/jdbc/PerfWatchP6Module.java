package io.perfwatch.exporter.jdbc;

import com.p6spy.engine.event.JdbcEventListener;
import com.p6spy.engine.spy.DefaultJdbcEventListenerFactory;
import com.p6spy.engine.spy.P6Factory;
import com.p6spy.engine.spy.P6LoadableOptions;
import com.p6spy.engine.spy.option.P6OptionsRepository;
import java.util.Map;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.jspecify.annotations.Nullable;

/**
 * The P6Spy module for the classic configuration: a driver URL {@code jdbc:p6spy:...} plus a {@code spy.properties}
 * with {@code modulelist=io.perfwatch.exporter.jdbc.PerfWatchP6Module}. P6Spy instantiates this class itself, so it
 * reaches the listener of the perfwatch instance the app named with {@code PerfWatch.reportP6SpyModule()}.
 */
public final class PerfWatchP6Module implements P6Factory {
  private static volatile @Nullable JdbcEventListener registered;

  /** Replaces the registered listener; connections opened afterwards use it. Not API: perfwatch calls it. */
  public static void register(@Nullable JdbcEventListener listener) {
    registered = listener;
    // P6Spy caches the combined listener of all modules; drop it so the next connection asks us again.
    DefaultJdbcEventListenerFactory.clearCache();
  }

  @Override
  public @Nullable JdbcEventListener getJdbcEventListener() {
    return registered; // null (none registered yet) makes P6Spy leave us out
  }

  @Override
  public P6LoadableOptions getOptions(P6OptionsRepository optionsRepository) {
    try {
      return new Options();
    } catch (NotCompliantMBeanException e) {
      throw new IllegalStateException("perfwatch P6Spy options are not a valid MBean", e);
    }
  }

  /** The module has no settings; P6Spy still wants an options object, and registers it as an MBean. */
  public static final class Options extends StandardMBean implements P6LoadableOptions, OptionsMBean {
    Options() throws NotCompliantMBeanException {
      super(OptionsMBean.class);
    }

    @Override
    public void load(Map<String, String> options) {
      // nothing to load
    }

    @Override
    public Map<String, String> getDefaults() {
      return Map.of();
    }
  }

  /** Management interface of {@link Options}: empty, there is nothing to manage. */
  public interface OptionsMBean {}
}
