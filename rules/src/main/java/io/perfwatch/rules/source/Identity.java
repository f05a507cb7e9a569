package io.perfwatch.rules.source;

import io.perfwatch.rules.yaml.Aggregation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which service ({@code job}) and replica ({@code instance}) statistics are about, named as Prometheus names them.
 * An empty value is not known or not asked for: the in-process store has neither, a per-service group no instance.
 */
public record Identity(String job, String instance) implements Comparable<Identity> {
  /** The in-process store: this process, no fleet labels. */
  public static final Identity NONE = new Identity("", "");

  public Identity {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(instance, "instance");
  }

  /** This identity at {@code level}: the instance is dropped per service. */
  public Identity at(Aggregation level) {
    return level == Aggregation.SERVICE && !instance.isEmpty() ? new Identity(job, "") : this;
  }

  /** The non-empty labels, {@code job} first: what alerts and API answers carry. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    if (!job.isEmpty()) {
      labels.put("job", job);
    }
    if (!instance.isEmpty()) {
      labels.put("instance", instance);
    }
    return labels;
  }

  /** For texts: {@code job orders}, {@code job orders, instance 10.0.0.5:8080}; "" for {@link #NONE}. */
  public String describe() {
    return (job.isEmpty() ? "" : "job " + job) + (instance.isEmpty() ? "" : (job.isEmpty() ? "" : ", ")
        + "instance " + instance);
  }

  @Override
  public int compareTo(Identity other) {
    int byJob = job.compareTo(other.job);
    return byJob != 0 ? byJob : instance.compareTo(other.instance);
  }
}
