package io.perfwatch.service.demo;

import java.math.BigDecimal;
import java.util.Objects;

/** A validated {@code POST /api/transactions} body (see {@link TransactionInput}). */
record NewTransaction(long userId, long categoryId, BigDecimal amount, String currency, String description) {

  NewTransaction {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(description, "description");
  }
}
