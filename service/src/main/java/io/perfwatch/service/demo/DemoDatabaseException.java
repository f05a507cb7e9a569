package io.perfwatch.service.demo;

import java.sql.SQLException;

/** A database call of the demo failed; answered as a 500 with a JSON error, logged with its cause. */
final class DemoDatabaseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  DemoDatabaseException(String message, SQLException cause) {
    super(message, cause);
  }
}
