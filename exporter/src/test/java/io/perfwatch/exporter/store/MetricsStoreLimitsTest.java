package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.SECOND;
import static io.perfwatch.exporter.store.Records.T0;
import static io.perfwatch.exporter.store.Records.nPlusOne;
import static io.perfwatch.exporter.store.Records.query;
import static io.perfwatch.exporter.store.Records.request;
import static io.perfwatch.exporter.store.Records.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsStoreLimitsTest {
  private final Records.FakeClock clock = new Records.FakeClock(T0 + 30 * SECOND);

  @Test
  void endpointsBeyondTheCapFoldIntoRouteOther() {
    MetricsStore store = MetricsStore.builder().clock(clock::now).maxEndpoints(2).build();
    store.recordRequest(request("GET", "/a", 200, 1, T0));
    store.recordRequest(request("GET", "/b", 200, 1, T0));
    store.recordRequest(request("GET", "/c", 200, 1, T0));
    store.recordRequest(request("GET", "/d", 200, 1, T0));
    store.recordRequest(request("POST", "/e", 200, 1, T0));
    store.recordRequest(request("BREW", "/f", 200, 1, T0));

    assertThat(store.window(Duration.ofMinutes(1)).endpoints())
        .extracting(EndpointStats::method, EndpointStats::route, EndpointStats::count)
        .containsExactly(tuple("GET", "OTHER", 2L), tuple("GET", "/a", 1L), tuple("GET", "/b", 1L),
            tuple("OTHER", "OTHER", 1L), tuple("POST", "OTHER", 1L));
  }

  @Test
  void fingerprintsBeyondTheCapFoldIntoOther() {
    MetricsStore store = MetricsStore.builder().clock(clock::now).maxFingerprints(1).build();
    store.recordQuery(query("select a from t where id = ?", 5, T0, "success"));
    store.recordQuery(query("select b from t where id = ?", 1, T0, "success"));

    assertThat(store.window(Duration.ofMinutes(1)).queries())
        .extracting(QueryStats::fingerprint, QueryStats::operation, QueryStats::table, QueryStats::count)
        .containsExactly(tuple("select a from t where id = ?", "SELECT", "users", 1L),
            tuple("OTHER", "OTHER", "unknown", 1L));
  }

  @Test
  void tenantsBeyondTheCapFoldIntoOther() {
    MetricsStore store = MetricsStore.builder().clock(clock::now).maxTenants(1).build();
    store.recordRequest(request("GET", "/a", 200, 1, T0, "acme"));
    store.recordRequest(request("GET", "/a", 200, 1, T0, "globex"));
    store.recordRequest(request("GET", "/a", 200, 1, T0, "initech"));

    assertThat(store.window(Duration.ofMinutes(1)).requestsByTenant())
        .containsOnly(entry("acme", 1L),
            entry("OTHER", 2L));
  }

  @Test
  void returnedCollectionsAreImmutable() {
    MetricsStore store = MetricsStore.builder().clock(clock::now).build();
    store.recordRequest(request("GET", "/a", 200, 1, T0, "acme"));
    store.recordQuery(query("select 1", 1, T0, "success"));
    store.recordSystem(system(T0, 10));
    store.recordNPlusOne(nPlusOne("/a", T0));
    WindowStats window = store.window(Duration.ofMinutes(1));

    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> window.endpoints().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> window.queries().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> window.nPlusOne().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> window.system().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> window.requestsByTenant().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> window.total().statusCounts().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> store.endpointSeries("GET", "/a", Duration.ofMinutes(1), Duration.ofMinutes(1)).clear());
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> store.recentRequests().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> store.recentQueries().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> store.recentSystem().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> store.recentNPlusOne().clear());
  }

  @Test
  void windowMustBePositive() {
    MetricsStore store = MetricsStore.builder().clock(clock::now).build();

    assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> store.window(Duration.ZERO))
        .withMessage("window must be greater than zero, was PT0S");
    assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> store.window(T0, T0 - 1000))
        .withMessage("window must be greater than zero, was PT-1S");
  }

  @Test
  void windowMustNotExceedTheHistory() {
    MetricsStore store = MetricsStore.builder().clock(clock::now).historyHours(24).build();

    assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> store.window(Duration.ofHours(25)))
        .withMessage("window must be at most 24 hours (the store's historyHours), was PT25H");
  }

  @Test
  void seriesStepMustBeAMinuteOrAnHour() {
    MetricsStore store = MetricsStore.builder().clock(clock::now).build();

    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> store.endpointSeries("GET", "/a", Duration.ofHours(1), Duration.ofMinutes(5)))
        .withMessage("step must be PT1M or PT1H, was PT5M");
  }

  @Test
  void perMinuteSeriesCoversAtMostAnHour() {
    MetricsStore store = MetricsStore.builder().clock(clock::now).build();

    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> store.endpointSeries("GET", "/a", Duration.ofHours(2), Duration.ofMinutes(1)))
        .withMessage("a per-minute series covers at most PT1H (minute rollups are kept for 60 minutes), was PT2H; "
            + "use step PT1H");
  }

  @Test
  void builderRejectsCapsBelowOne() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> MetricsStore.builder().retention(0))
        .withMessage("retention must be at least 1, was 0");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> MetricsStore.builder().maxEndpoints(-1))
        .withMessage("maxEndpoints must be at least 1, was -1");
  }
}
