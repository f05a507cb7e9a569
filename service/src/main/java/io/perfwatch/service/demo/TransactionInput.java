package io.perfwatch.service.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/** Turns a {@code POST /api/transactions} body into a {@link NewTransaction}, collecting every field error. */
final class TransactionInput {
  static final int MAX_DESCRIPTION = 200;
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("10000000000"); // DECIMAL(12, 2)

  /** The body's fields, in the order field errors are listed. */
  static final List<String> FIELDS = List.of("user_id", "category_id", "amount", "currency", "description");

  private final ObjectMapper json;

  TransactionInput(ObjectMapper json) {
    this.json = json;
  }

  /**
   * @param body the request body, JSON in UTF-8 (or UTF-16/32, which the parser detects)
   * @param userExists whether a user id names a row; asked only for well-formed ids
   * @param categoryExists the same for category ids
   */
  NewTransaction parse(byte[] body, LongPredicate userExists, LongPredicate categoryExists) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw DemoException.invalidBody("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) { // a byte order the parser does not know (CharConversionException)
      throw DemoException.invalidBody("request body is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw DemoException.invalidBody("request body must be a JSON object with user_id, category_id, amount, "
          + "currency and description");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    long userId = id(root, "user_id", errors);
    long categoryId = id(root, "category_id", errors);
    BigDecimal amount = amount(root, errors);
    String currency = text(root, "currency", errors);
    String description = text(root, "description", errors);
    if (!currency.isEmpty() && !DemoData.CURRENCIES.contains(currency)) {
      errors.put("currency", "must be one of " + DemoData.CURRENCIES);
    }
    if (description.length() > MAX_DESCRIPTION) {
      errors.put("description", "must be at most " + MAX_DESCRIPTION + " characters");
    }
    // Existence costs a query each: only for ids that are well-formed.
    if (userId > 0 && !userExists.test(userId)) {
      errors.put("user_id", "no user with id " + userId);
    }
    if (categoryId > 0 && !categoryExists.test(categoryId)) {
      errors.put("category_id", "no category with id " + categoryId);
    }
    if (!errors.isEmpty()) {
      Map<String, String> ordered = new LinkedHashMap<>();
      FIELDS.stream().filter(errors::containsKey).forEach(f -> ordered.put(f, errors.get(f)));
      throw DemoException.validation(ordered);
    }
    return new NewTransaction(userId, categoryId, amount, currency, description);
  }

  /** The id, or 0 after recording an error. */
  private static long id(JsonNode root, String field, Map<String, String> errors) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      errors.put(field, "is required");
    } else if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
      errors.put(field, "must be a positive whole number");
    } else {
      return node.longValue();
    }
    return 0;
  }

  private static BigDecimal amount(JsonNode root, Map<String, String> errors) {
    JsonNode node = root.get("amount");
    if (node == null || node.isNull()) {
      errors.put("amount", "is required");
    } else if (!node.isNumber() || node.decimalValue().signum() <= 0) {
      errors.put("amount", "must be a number greater than 0");
    } else if (node.decimalValue().stripTrailingZeros().scale() > 2) {
      errors.put("amount", "must have at most 2 decimal places");
    } else if (node.decimalValue().compareTo(MAX_AMOUNT) >= 0) {
      errors.put("amount", "must be less than " + MAX_AMOUNT.toPlainString());
    } else {
      return node.decimalValue().setScale(2);
    }
    return BigDecimal.ZERO;
  }

  /** The trimmed text, or "" after recording an error. */
  private static String text(JsonNode root, String field, Map<String, String> errors) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      errors.put(field, "is required");
    } else if (!node.isTextual() || node.textValue().isBlank()) {
      errors.put(field, "must be a non-empty string");
    } else {
      return node.textValue().strip();
    }
    return "";
  }
}
