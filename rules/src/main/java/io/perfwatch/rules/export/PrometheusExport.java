package io.perfwatch.rules.export;

import java.util.List;
import java.util.Objects;

/**
 * The result of an export.
 *
 * @param yaml a Prometheus rule file ({@code groups:} of alerting rules), ready for {@code rule_files}
 * @param alertingRules how many alerting rules {@code yaml} holds (one per rule and severity step)
 * @param skipped the rules that could not be expressed, in file order
 */
public record PrometheusExport(String yaml, int alertingRules, List<Skipped> skipped) {

  public PrometheusExport {
    Objects.requireNonNull(yaml, "yaml");
    skipped = List.copyOf(skipped);
  }
}
