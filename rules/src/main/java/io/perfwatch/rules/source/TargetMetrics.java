package io.perfwatch.rules.source;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * The health of each scrape target as metrics, labelled {@code job} and {@code instance}:
 * {@code perfwatch_target_up} (1 or 0), {@code perfwatch_target_scrape_duration_seconds},
 * {@code perfwatch_target_series} (samples in the last successful scrape) and
 * {@code perfwatch_target_last_success_seconds} (epoch seconds; NaN before the first). With
 * {@code PERFORMANCE_PROMETHEUS_URL} Prometheus's own {@code up} and {@code scrape_*} series say the same.
 */
public final class TargetMetrics implements MeterBinder {
  private final Scraper scraper;

  public TargetMetrics(Scraper scraper) {
    this.scraper = Objects.requireNonNull(scraper, "scraper");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (ScrapeTarget target : scraper.scrapeTargets()) {
      Tags tags = Tags.of("job", target.identity().job(), "instance", target.identity().instance());
      Gauge.builder("perfwatch.target.up", target, t -> t.health().up() ? 1 : 0).tags(tags)
          .description("Whether the last scrape of the target succeeded (1) or not (0)").register(registry);
      Gauge.builder("perfwatch.target.scrape.duration", target, t -> t.health().scrapeDurationSeconds())
          .tags(tags).baseUnit("seconds").description("How long the last scrape of the target took")
          .register(registry);
      Gauge.builder("perfwatch.target.series", target, t -> t.health().series()).tags(tags)
          .description("Samples in the target's last successful scrape").register(registry);
      Gauge.builder("perfwatch.target.last.success", target, t -> t.health().lastSuccess()
              .map(i -> i.toEpochMilli() / 1000.0).orElse(Double.NaN)).tags(tags).baseUnit("seconds")
          .description("When a scrape of the target last succeeded, in seconds since the epoch").register(registry);
    }
  }
}
