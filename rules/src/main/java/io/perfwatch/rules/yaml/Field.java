package io.perfwatch.rules.yaml;

/**
 * A key of the rule file with the words messages use for it.
 *
 * @param expected what a valid value is, e.g. {@code a number}
 * @param example a valid value, shown as {@code e.g. key: example}
 */
record Field(String key, String expected, String example) {

  String missing() {
    return "'" + key + "' is missing (expected " + expected + ", e.g. " + key + ": " + example + ")";
  }

  String invalid(String shown) {
    return "'" + key + "' is " + shown + "; expected " + expected + ", e.g. " + key + ": " + example;
  }
}
