package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cardinality abuse: 100,000 distinct raw paths, 10,000 distinct tenant headers and 100,000 distinct SQL texts.
 * Label sets, the store and the statement cache stay at their documented caps.
 */
@Tag("reliability")
class LabelAbuseTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static void sendAll(URI base, int count, String tenantPrefix) {
    List<CompletableFuture<?>> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/no/such/path/" + i + "?q=" + i));
      if (tenantPrefix != null) {
        request.header("X-Tenant-ID", tenantPrefix + i);
      }
      batch.add(CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()));
      if (batch.size() == 64) { // bounded concurrency
        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
        batch.clear();
      }
    }
    CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
  }

  @Test
  void distinctPathsAndTenantsStayWithinTheirCaps() {
    try (PerfWatchService service = new PerfWatchService(ServiceConfig.onPort(0)).start()) {
      PerfWatch perfwatch = service.perfWatch();

      sendAll(service.baseUri(), 100_000, null);
      sendAll(service.baseUri(), 10_000, "tenant-");
      await().atMost(Duration.ofSeconds(30)).until(() -> perfwatch.stats().live().requestsTotal() >= 110_000);

      assertThat(perfwatch.registry().find("http.server.requests").timers())
          .extracting(t -> t.getId().getTag("uri")).containsOnly("NOT_FOUND");
      assertThat(perfwatch.registry().find("http.server.tenant.requests").counters())
          .hasSize(PerfWatchConfig.defaults().maxTenants() + 1);
      assertThat(perfwatch.stats().window(Duration.ofMinutes(10)).requestsByTenant())
          .hasSizeLessThanOrEqualTo(PerfWatchConfig.defaults().maxTenants() + 1);
      assertThat(perfwatch.stats().recentRequests()).hasSize(PerfWatchConfig.defaults().metricsRetention());
      String scrape = service.perfWatch().registry().scrape();
      assertThat(scrape).doesNotContain("/no/such/path/", "tenant-9999");
    }
  }

  @Test
  void distinctSqlTextsStayWithinTheFingerprintCap() throws SQLException {
    PerfWatch perfwatch = PerfWatch.builder().build();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:label_abuse");
    DataSource db = perfwatch.wrap(h2);
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      for (int i = 0; i < 100_000; i++) {
        s.executeQuery("SELECT " + i + " AS column_" + i).close(); // a new fingerprint each time: the alias differs
      }
    }

    int cap = PerfWatchConfig.defaults().maxQueryFingerprints();
    assertThat(perfwatch.stats().window(Duration.ofMinutes(10)).queries()).hasSizeLessThanOrEqualTo(cap + 1);
    assertThat(perfwatch.registry().getMeters()).filteredOn(m -> m.getId().getName().equals("db.query.duration"))
        .extracting(Meter::getId).hasSizeLessThanOrEqualTo(2);
    assertThat(perfwatch.registry().get("perfwatch.dropped.series").tag("label", "query_fingerprint").counter()
        .count()).isEqualTo(100_000 - cap);
    assertThat(perfwatch.stats().recentQueries()).hasSize(PerfWatchConfig.defaults().metricsRetention());
  }
}
