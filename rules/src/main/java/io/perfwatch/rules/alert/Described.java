package io.perfwatch.rules.alert;

import java.util.Map;

/** Something whose summary, recommendation and details are its {@link AlertTexts}, composed when first read. */
public interface Described {
  AlertTexts texts();

  default String summary() {
    return texts().summary();
  }

  default String recommendation() {
    return texts().recommendation();
  }

  /** Detector-specific facts, e.g. the status code distribution or the table of a slow query. */
  default Map<String, Object> details() {
    return texts().details();
  }
}
