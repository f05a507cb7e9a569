/**
 * Rule files as Prometheus alerting rules: {@link PrometheusRuleExporter} turns each rule PromQL can express into
 * one alerting rule per severity step and lists the others with the reason.
 */
@NullMarked
package io.perfwatch.rules.export;

import org.jspecify.annotations.NullMarked;
