package io.perfwatch.service.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** The demo's two deliberately slow reads: an N+1 summary and a full-table monthly aggregate. */
final class Reports {
  private static final String MONTHLY = "SELECT EXTRACT(YEAR FROM t.created_at) AS y, "
      + "EXTRACT(MONTH FROM t.created_at) AS m, c.name AS category, t.currency AS currency, "
      + "COUNT(*) AS n, SUM(t.amount) AS total, ROUND(AVG(t.amount), 2) AS average, MAX(t.amount) AS largest, "
      + "COUNT(DISTINCT u.id) AS users "
      + "FROM transactions t JOIN categories c ON c.id = t.category_id JOIN users u ON u.id = t.user_id "
      + "GROUP BY EXTRACT(YEAR FROM t.created_at), EXTRACT(MONTH FROM t.created_at), c.name, t.currency "
      + "ORDER BY y, m, category, currency";

  private final DataSource db;

  Reports(DataSource db) {
    this.db = db;
  }

  /**
   * Written the naive way on purpose, as found in many real apps: the user's transactions, then each one's
   * category in its own query. perfwatch reports it as an N+1 on {@code categories}.
   */
  Optional<UserSummary> userSummary(long userId) {
    try (Connection c = db.getConnection();
        PreparedStatement user = c.prepareStatement("SELECT id, name, email FROM users WHERE id = ?");
        PreparedStatement transactions = c.prepareStatement(
            "SELECT id, category_id, amount, currency FROM transactions WHERE user_id = ? ORDER BY id");
        PreparedStatement category = c.prepareStatement("SELECT id, name FROM categories WHERE id = ?")) {
      user.setLong(1, userId);
      String name;
      String email;
      try (ResultSet r = user.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        name = r.getString("name");
        email = r.getString("email");
      }
      transactions.setLong(1, userId);
      Map<String, BigDecimal> totals = new TreeMap<>();
      Map<String, UserSummary.CategoryTotal> byCategory = new LinkedHashMap<>();
      int count = 0;
      try (ResultSet r = transactions.executeQuery()) {
        while (r.next()) {
          count++;
          BigDecimal amount = r.getBigDecimal("amount");
          String currency = r.getString("currency");
          long categoryId = r.getLong("category_id");
          String categoryName = categoryName(category, categoryId);
          totals.merge(currency, amount, BigDecimal::add);
          byCategory.merge(categoryId + "/" + currency,
              new UserSummary.CategoryTotal(categoryId, categoryName, currency, 1, amount),
              (a, b) -> new UserSummary.CategoryTotal(categoryId, categoryName, currency,
                  a.transactionCount() + 1, a.total().add(amount)));
        }
      }
      List<UserSummary.CategoryTotal> categories = new ArrayList<>(byCategory.values());
      categories.sort((a, b) -> b.total().compareTo(a.total()));
      return Optional.of(new UserSummary(userId, name, email, count, totals, categories));
    } catch (SQLException e) {
      throw new DemoDatabaseException("could not summarize user " + userId, e);
    }
  }

  private static String categoryName(PreparedStatement category, long id) throws SQLException {
    category.setLong(1, id);
    try (ResultSet r = category.executeQuery()) {
      return r.next() ? r.getString("name") : "unknown";
    }
  }

  /** Totals per month, category and currency over every transaction. */
  List<MonthlyTotal> monthly() {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(MONTHLY);
        ResultSet r = s.executeQuery()) {
      List<MonthlyTotal> rows = new ArrayList<>();
      while (r.next()) {
        String month = String.format("%04d-%02d", r.getInt("y"), r.getInt("m"));
        rows.add(new MonthlyTotal(month, r.getString("category"), r.getString("currency"), r.getLong("n"),
            r.getBigDecimal("total"), r.getBigDecimal("average"), r.getBigDecimal("largest"), r.getLong("users")));
      }
      return rows;
    } catch (SQLException e) {
      throw new DemoDatabaseException("could not compute the monthly report", e);
    }
  }
}
