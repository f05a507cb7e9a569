package io.perfwatch.exporter.internal.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The tables and statements the JDBC scenarios run, written to work on H2 and PostgreSQL alike. */
final class Orders {
  private Orders() {}

  /** Recreates the tables through the uninstrumented DataSource, so setup does not show up in the meters. */
  static void recreateTables(DataSource raw) throws SQLException {
    try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS pw_orders");
      s.execute("DROP TABLE IF EXISTS pw_customers");
      s.execute("CREATE TABLE pw_orders (id INT PRIMARY KEY, customer VARCHAR(100), amount DECIMAL(10,2))");
      s.execute("CREATE TABLE pw_customers (id INT PRIMARY KEY, email VARCHAR(200), card VARCHAR(40))");
    }
  }

  /** Inserts orders with ids {@code from..from+n-1}, one prepared statement execution each. */
  static void insertOrders(Connection c, int n) throws SQLException {
    insertOrders(c, 1, n);
  }

  static void insertOrders(Connection c, int from, int n) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO pw_orders (id, customer, amount) VALUES (?, ?, ?)")) {
      for (int id = from; id < from + n; id++) {
        p.setInt(1, id);
        p.setString(2, "customer" + id);
        p.setBigDecimal(3, BigDecimal.TEN);
        p.executeUpdate();
      }
    }
  }

  static void select(Connection c, String sql, int id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setInt(1, id);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }
  }

}
