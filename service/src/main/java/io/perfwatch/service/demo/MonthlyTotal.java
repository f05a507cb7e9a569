package io.perfwatch.service.demo;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of the monthly report: one month, category and currency.
 *
 * @param month {@code yyyy-MM}
 * @param users distinct users with a transaction in this line
 */
public record MonthlyTotal(String month, String category, String currency, long transactionCount,
    BigDecimal total, BigDecimal average, BigDecimal largest, long users) {

  public MonthlyTotal {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(average, "average");
    Objects.requireNonNull(largest, "largest");
  }
}
