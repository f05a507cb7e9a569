package io.perfwatch.service.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** One row of {@code transactions}, as the API returns it. */
public record Transaction(long id, long userId, long categoryId, BigDecimal amount, String currency,
    String description, Instant createdAt) {

  public Transaction {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
