package io.perfwatch.service.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * Seeds the demo tables with the same realistic data on every start: a fixed {@link Random} seed decides every
 * name, amount and offset; only the anchor ("now", to the day) moves, so the data always spans the last year.
 */
final class DemoData {
  static final int USERS = 300;
  static final int TRANSACTIONS = 5_000;
  static final List<String> CURRENCIES = List.of("EUR", "GBP", "USD");

  private static final long SEED = 20240115L;
  private static final List<String> FIRST = List.of("Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Ava",
      "Elijah", "Sophia", "Mateo", "Isabella", "Lucas", "Mia", "Levi", "Charlotte", "Ezra", "Harper", "Asher",
      "Evelyn", "James", "Luna", "Leo", "Camila", "Aiden", "Sofia");
  private static final List<String> LAST = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
      "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas");
  /** 40 categories; ids are their position + 1. */
  static final List<String> CATEGORIES = List.of("Groceries", "Rent", "Mortgage", "Electricity", "Water", "Gas",
      "Internet", "Mobile Phone", "Insurance", "Fuel", "Public Transport", "Taxi", "Parking", "Car Maintenance",
      "Restaurants", "Coffee", "Fast Food", "Bars", "Clothing", "Electronics", "Books", "Streaming", "Gym",
      "Healthcare", "Pharmacy", "Dentist", "Education", "Childcare", "Pets", "Gifts", "Charity", "Travel",
      "Hotels", "Flights", "Home Improvement", "Furniture", "Subscriptions", "Taxes", "Bank Fees", "Salary");
  private static final List<String> MERCHANTS = List.of("Acme", "Northwind", "Contoso", "Globex", "Initech",
      "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Wonka", "Gringotts");

  private DemoData() {}

  /** Inserts users, categories and transactions in one transaction; ids come out as 1..N on fresh tables. */
  static void seed(Connection c) throws SQLException {
    Random random = new Random(SEED);
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      insertUsers(c, random, now);
      insertCategories(c);
      insertTransactions(c, random, now);
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static void insertUsers(Connection c, Random random, LocalDateTime now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO users (name, email, created_at) VALUES (?, ?, ?)")) {
      for (int i = 1; i <= USERS; i++) {
        String first = FIRST.get(random.nextInt(FIRST.size()));
        String last = LAST.get(random.nextInt(LAST.size()));
        s.setString(1, first + " " + last);
        s.setString(2, first.toLowerCase() + "." + last.toLowerCase() + i + "@example.com");
        s.setTimestamp(3, Timestamp.valueOf(now.minusDays(365 + random.nextInt(1500))));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void insertCategories(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO categories (name) VALUES (?)")) {
      for (String name : CATEGORIES) {
        s.setString(1, name);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void insertTransactions(Connection c, Random random, LocalDateTime now) throws SQLException {
    String sql = "INSERT INTO transactions (user_id, category_id, amount, currency, description, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?)";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 1; i <= TRANSACTIONS; i++) {
        int category = random.nextInt(CATEGORIES.size());
        s.setLong(1, 1 + random.nextInt(USERS));
        s.setLong(2, category + 1L);
        s.setBigDecimal(3, amount(random, category));
        s.setString(4, currency(random));
        s.setString(5, MERCHANTS.get(random.nextInt(MERCHANTS.size())) + " - " + CATEGORIES.get(category));
        s.setTimestamp(6, Timestamp.valueOf(now.minusSeconds(random.nextInt(365 * 24 * 3600))));
        s.addBatch();
        if (i % 500 == 0) {
          s.executeBatch();
        }
      }
      s.executeBatch();
    }
  }

  /** Log-normal amounts: mostly small, a long tail; rent, mortgage and salary are larger. */
  private static BigDecimal amount(Random random, int category) {
    String name = CATEGORIES.get(category);
    double scale = switch (name) {
      case "Rent", "Mortgage", "Salary", "Flights", "Taxes" -> 900;
      case "Coffee", "Parking", "Bank Fees", "Fast Food" -> 6;
      default -> 45;
    };
    double value = scale * Math.exp(0.6 * random.nextGaussian());
    return BigDecimal.valueOf(Math.max(0.5, value)).setScale(2, RoundingMode.HALF_UP);
  }

  private static String currency(Random random) {
    int roll = random.nextInt(100);
    return roll < 80 ? "USD" : roll < 93 ? "EUR" : "GBP";
  }
}
