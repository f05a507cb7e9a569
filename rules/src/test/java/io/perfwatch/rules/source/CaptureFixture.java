package io.perfwatch.rules.source;

import io.perfwatch.exporter.internal.PerfWatchInternals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates {@code src/test/resources/source/micrometer-exposition.txt} from a real perfwatch/Micrometer registry
 * after real traffic: run its main from the {@code rules} directory (test classpath).
 */
final class CaptureFixture {
  private CaptureFixture() {}

  public static void main(String[] args) throws IOException {
    try (InstrumentedService service = new InstrumentedService()) {
      service.get("/api/items/1", 3, 200);
      service.get("/api/items/99", 1, 200);
      service.get("/api/fail", 2, 500);
      service.get("/api/users/1/orders", 2, 200);
      service.get("/nowhere", 1, 404);
      PerfWatchInternals.of(service.perfwatch()).system().sample();
      String exposition = service.perfwatch().registry().scrape();
      Files.writeString(Path.of("src/test/resources/source/micrometer-exposition.txt"), exposition,
          StandardCharsets.UTF_8);
      String openMetrics = service.perfwatch().registry().scrape("application/openmetrics-text; version=1.0.0");
      Files.writeString(Path.of("src/test/resources/source/micrometer-openmetrics.txt"), openMetrics,
          StandardCharsets.UTF_8);
    }
  }
}
