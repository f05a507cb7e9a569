package io.perfwatch.exporter.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlNormalizerTest {
  private final SqlNormalizer normalizer = new SqlNormalizer(1000);

  static Stream<Arguments> samples() {
    return Stream.of(
        // literals, binds, numbers
        sample("SELECT * FROM users WHERE id = 42", "SELECT * FROM users WHERE id = ?", "SELECT", "users"),
        sample("select name from users where email = 'alice@example.com'",
            "select name from users where email = ?", "SELECT", "users"),
        sample("SELECT * FROM t WHERE a = 'it''s' AND b = ''", "SELECT * FROM t WHERE a = ? AND b = ?", "SELECT", "t"),
        sample("SELECT * FROM t WHERE a = E'it\\'s \\\\' AND b = 1", "SELECT * FROM t WHERE a = ? AND b = ?",
            "SELECT", "t"),
        sample("SELECT * FROM t WHERE a = N'x' OR b = X'ff' OR c = B'101' OR d = U&'d\\0061t'",
            "SELECT * FROM t WHERE a = ? OR b = ? OR c = ? OR d = ?", "SELECT", "t"),
        sample("SELECT $$it's $x$$, $fn$ body $$ inner $fn$ FROM t", "SELECT ?, ? FROM t", "SELECT", "t"),
        sample("SELECT * FROM t WHERE a = $1 AND b = $12", "SELECT * FROM t WHERE a = ? AND b = ?", "SELECT", "t"),
        sample("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = ? AND b = ?", "SELECT", "t"),
        sample("SELECT 3.14, .5, 1e10, 2.5E-3, 0x1F, 0XaB FROM t", "SELECT ?, ?, ?, ?, ?, ? FROM t", "SELECT", "t"),
        // H2 2 and PostgreSQL 16: digit separators, octal and binary integers; no digits may be left behind
        sample("SELECT * FROM cards WHERE number = 4111_1111_1111_1111 OR x = 1_000.000_1 OR y = 2_5E1_0",
            "SELECT * FROM cards WHERE number = ? OR x = ? OR y = ?", "SELECT", "cards"),
        sample("SELECT 0o17, 0O_7_55, 0b1010, 0B_1111_0000, 0xFFFF_FFFF, 0x_ff FROM t",
            "SELECT ?, ?, ?, ?, ?, ? FROM t", "SELECT", "t"),
        sample("SELECT t2.col3, x1 FROM tab9 t2", "SELECT t2.col3, x1 FROM tab9 t2", "SELECT", "tab9"),
        sample("SELECT price*2 FROM items WHERE qty>=10", "SELECT price*? FROM items WHERE qty>=?", "SELECT",
            "items"),
        sample("SELECT a::text FROM t WHERE b = '5'::int", "SELECT a::text FROM t WHERE b = ?::int", "SELECT", "t"),
        // IN lists and VALUES
        sample("SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?)", "SELECT", "t"),
        sample("SELECT * FROM t WHERE id in(?,?,?,?)", "SELECT * FROM t WHERE id in(?)", "SELECT", "t"),
        sample("SELECT * FROM t WHERE id NOT IN ('a','b') AND x IN (SELECT y FROM u)",
            "SELECT * FROM t WHERE id NOT IN (?) AND x IN (SELECT y FROM u)", "SELECT", "t"),
        sample("SELECT * FROM t WHERE f(1, 2) = 3", "SELECT * FROM t WHERE f(?, ?) = ?", "SELECT", "t"),
        sample("INSERT INTO orders (id, total) VALUES (1, 9.99), (2, 5), (3, 0.5)",
            "INSERT INTO orders (id, total) VALUES (?, ?)", "INSERT", "orders"),
        sample("INSERT INTO orders(id,total) VALUES(?,?),(?,?)", "INSERT INTO orders(id,total) VALUES(?,?)",
            "INSERT", "orders"),
        sample("INSERT INTO t (a, b) VALUES (1, lower('X')), (2, lower('Y')) RETURNING id",
            "INSERT INTO t (a, b) VALUES (?, lower(?)) RETURNING id", "INSERT", "t"),
        sample("INSERT INTO t (a) VALUES (1), (DEFAULT)", "INSERT INTO t (a) VALUES (?), (DEFAULT)", "INSERT", "t"),
        // comments and whitespace
        sample("  SELECT  *\n\tFROM  t -- trailing 'comment'\n WHERE a = 1  ", "SELECT * FROM t WHERE a = ?",
            "SELECT", "t"),
        sample("SELECT/* hint */a FROM /* nested /* deeper */ still */ t", "SELECT a FROM t", "SELECT", "t"),
        sample("SELECT '--not a comment' FROM t", "SELECT ? FROM t", "SELECT", "t"),
        // quoted identifiers
        sample("SELECT \"Name\" FROM \"Public\".\"Users\" WHERE \"a\"\"b\" = 1",
            "SELECT \"Name\" FROM \"Public\".\"Users\" WHERE \"a\"\"b\" = ?", "SELECT", "public.users"),
        sample("SELECT `col` FROM `shop`.`Orders`", "SELECT `col` FROM `shop`.`Orders`", "SELECT", "shop.orders"),
        // operations and tables
        sample("UPDATE accounts SET balance = balance - 100 WHERE id = 7",
            "UPDATE accounts SET balance = balance - ? WHERE id = ?", "UPDATE", "accounts"),
        sample("update ONLY Sales.Accounts set x = ?", "update ONLY Sales.Accounts set x = ?", "UPDATE",
            "sales.accounts"),
        sample("DELETE FROM sessions WHERE expires < 1700000000", "DELETE FROM sessions WHERE expires < ?", "DELETE",
            "sessions"),
        sample("INSERT INTO archive SELECT * FROM orders", "INSERT INTO archive SELECT * FROM orders", "INSERT",
            "archive"),
        sample("WITH recent AS (SELECT * FROM orders WHERE ts > 5) SELECT count(*) FROM recent r",
            "WITH recent AS (SELECT * FROM orders WHERE ts > ?) SELECT count(*) FROM recent r", "SELECT", "recent"),
        sample("WITH x AS (SELECT id FROM a), y AS (SELECT id FROM b) DELETE FROM c WHERE id IN (SELECT id FROM x)",
            "WITH x AS (SELECT id FROM a), y AS (SELECT id FROM b) DELETE FROM c WHERE id IN (SELECT id FROM x)",
            "DELETE", "c"),
        sample("WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved",
            "WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved", "INSERT", "b"),
        sample("SELECT (SELECT max(x) FROM inner_t) FROM outer_t", "SELECT (SELECT max(x) FROM inner_t) FROM outer_t",
            "SELECT", "outer_t"),
        sample("SELECT * FROM (SELECT * FROM a) sub JOIN b ON b.id = sub.id",
            "SELECT * FROM (SELECT * FROM a) sub JOIN b ON b.id = sub.id", "SELECT", "b"),
        sample("SELECT * FROM (SELECT * FROM a) AS sub WHERE x = 1", "SELECT * FROM (SELECT * FROM a) AS sub WHERE x = ?",
            "SELECT", "unknown"),
        sample("SELECT * FROM (SELECT 1) s, real_t", "SELECT * FROM (SELECT ?) s, real_t", "SELECT", "real_t"),
        sample("(SELECT a FROM t1) UNION (SELECT a FROM t2)", "(SELECT a FROM t1) UNION (SELECT a FROM t2)", "SELECT",
            "t1"),
        sample("SELECT 1", "SELECT ?", "SELECT", "unknown"),
        sample("SELECT * FROM users u, orders o WHERE u.id = o.uid", "SELECT * FROM users u, orders o WHERE u.id = o.uid",
            "SELECT", "users"),
        sample("SELECT * FROM t FOR UPDATE", "SELECT * FROM t FOR UPDATE", "SELECT", "t"),
        sample("CREATE TABLE t (id INT)", "CREATE TABLE t (id INT)", "OTHER", "unknown"),
        sample("call refresh_stats(5)", "call refresh_stats(?)", "OTHER", "unknown"),
        sample("", "", "OTHER", "unknown"),
        // unterminated literals never leak
        sample("SELECT * FROM t WHERE a = 'secret value and more", "SELECT * FROM t WHERE a = ?", "SELECT", "t"),
        sample("SELECT * FROM t WHERE a = $q$ secret", "SELECT * FROM t WHERE a = ?", "SELECT", "t"),
        sample("SELECT * FROM t WHERE \"broken = 'x'", "SELECT * FROM t WHERE ?", "SELECT", "t"),
        sample("SELECT * FROM t WHERE a = E'secret\\' more", "SELECT * FROM t WHERE a = ?", "SELECT", "t"));
  }

  private static Arguments sample(String sql, String normalized, String operation, String table) {
    return Arguments.of(sql, normalized, operation, table);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void normalizesToExactShape(String sql, String normalized, String operation, String table) {
    assertThat(normalizer.normalize(sql)).isEqualTo(new QueryShape(normalized, operation, table));
  }

  @Test
  void reportsWhetherLiteralsWereReplaced() {
    assertThat(normalizer.scan("SELECT * FROM t WHERE a = ? AND b IN (?, ?)").literalsReplaced()).isFalse();
    assertThat(normalizer.scan("SELECT * FROM t WHERE a = $1").literalsReplaced()).isFalse();
    assertThat(normalizer.scan("SELECT * FROM t2 WHERE a = 'x'").literalsReplaced()).isTrue();
    assertThat(normalizer.scan("SELECT * FROM t LIMIT 10").literalsReplaced()).isTrue();
  }

  @Test
  void truncatesToMaxLength() {
    QueryShape shape = new SqlNormalizer(40).normalize("SELECT a, b, c, d, e, f, g, h, i, j, k FROM wide_table");
    assertThat(shape.normalizedSql()).isEqualTo("SELECT a, b, c, d, e, f, g, h, i, j, k F").hasSize(40);
    assertThat(shape.table()).isEqualTo("wide_table");
  }

  @Test
  void everyLiteralValueGivesTheSameFingerprintAndNeverAppears() {
    Random random = new Random(20240115);
    String[] templates = {
        "SELECT * FROM users WHERE email = %1$s AND age > %2$d",
        "INSERT INTO cards (number, holder) VALUES (%1$s, %2$d), (%1$s, %2$d)",
        "UPDATE users SET name = %1$s WHERE id IN (%2$d, %2$d, %2$d)",
        "DELETE FROM t WHERE a = %1$s OR b = -%2$d"};
    for (String template : templates) {
      String expected = null;
      for (int run = 0; run < 200; run++) {
        String text = randomText(random);
        long number = Math.abs(random.nextLong() % 10_000_000_000L);
        String quoted = quote(text, random);
        String sql = String.format(template, quoted, number);
        String normalized = normalizer.normalize(sql).normalizedSql();
        if (expected == null) {
          expected = normalized;
        }
        assertThat(normalized).as(sql).isEqualTo(expected).doesNotContain(Long.toString(number));
        if (text.length() > 2) {
          assertThat(normalized).as(sql).doesNotContain(text);
        }
      }
    }
  }

  @Test
  void truncatedInputsNeverLeakTheLiteral() {
    String sql = "SELECT * FROM users WHERE email = 'alice@example.com' AND card = '4111111111111111'";
    for (int cut = 0; cut <= sql.length(); cut++) {
      String normalized = normalizer.normalize(sql.substring(0, cut)).normalizedSql();
      assertThat(normalized).as("cut at %d", cut).doesNotContain("alice", "example", "4111");
    }
  }

  private static String randomText(Random random) {
    String alphabet = "abcXYZ019 @.-_'\\\"$;/*()";
    StringBuilder sb = new StringBuilder();
    int length = 1 + random.nextInt(20);
    for (int k = 0; k < length; k++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** A valid SQL literal for {@code text}, in one of the quoting styles. */
  private static String quote(String text, Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> "'" + text.replace("'", "''") + "'";
      case 1 -> "E'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
      default -> text.contains("$zz$") ? "'x'" : "$zz$" + text + "$zz$";
    };
  }
}
