package io.perfwatch.service.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads and writes {@code transactions}; prepared statements only (every value may come from a client). */
final class TransactionStore {
  private static final String COLUMNS = "id, user_id, category_id, amount, currency, description, created_at";

  private final DataSource db;

  TransactionStore(DataSource db) {
    this.db = db;
  }

  /** Newest first; all users when {@code userId} is empty. */
  List<Transaction> list(Optional<Long> userId, int limit) {
    String sql = "SELECT " + COLUMNS + " FROM transactions"
        + (userId.isPresent() ? " WHERE user_id = ?" : "") + " ORDER BY created_at DESC, id DESC LIMIT ?";
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      if (userId.isPresent()) {
        s.setLong(i++, userId.get());
      }
      s.setInt(i, limit);
      List<Transaction> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new DemoDatabaseException("could not list transactions", e);
    }
  }

  Optional<Transaction> find(long id) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM transactions WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DemoDatabaseException("could not read transaction " + id, e);
    }
  }

  Transaction insert(NewTransaction t) {
    String sql = "INSERT INTO transactions (user_id, category_id, amount, currency, description, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?)";
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
      s.setLong(1, t.userId());
      s.setLong(2, t.categoryId());
      s.setBigDecimal(3, t.amount());
      s.setString(4, t.currency());
      s.setString(5, t.description());
      s.setTimestamp(6, Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return new Transaction(keys.getLong(1), t.userId(), t.categoryId(), t.amount(), t.currency(),
            t.description(), now);
      }
    } catch (SQLException e) {
      throw new DemoDatabaseException("could not insert a transaction", e);
    }
  }

  boolean userExists(long id) {
    return exists("SELECT 1 FROM users WHERE id = ?", id);
  }

  boolean categoryExists(long id) {
    return exists("SELECT 1 FROM categories WHERE id = ?", id);
  }

  private boolean exists(String sql, long id) {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      throw new DemoDatabaseException("could not look up id " + id, e);
    }
  }

  /** Timestamps are stored as UTC wall-clock time ({@code TIMESTAMP} is portable, time zones are not). */
  static Instant instant(ResultSet r, String column) throws SQLException {
    return r.getTimestamp(column).toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  private static Transaction row(ResultSet r) throws SQLException {
    return new Transaction(r.getLong("id"), r.getLong("user_id"), r.getLong("category_id"),
        r.getBigDecimal("amount"), r.getString("currency"), r.getString("description"), instant(r, "created_at"));
  }
}
