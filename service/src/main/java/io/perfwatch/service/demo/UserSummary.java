package io.perfwatch.service.demo;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A user's spending: totals per currency and per category and currency.
 *
 * @param totals currency code to total, sorted by code
 */
public record UserSummary(long userId, String name, String email, int transactionCount,
    Map<String, BigDecimal> totals, List<CategoryTotal> categories) {

  public UserSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    totals = Collections.unmodifiableMap(new TreeMap<>(totals));
    categories = List.copyOf(categories);
  }

  /** Totals of one category in one currency. */
  public record CategoryTotal(long categoryId, String category, String currency, int transactionCount,
      BigDecimal total) {

    public CategoryTotal {
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(total, "total");
    }
  }
}
