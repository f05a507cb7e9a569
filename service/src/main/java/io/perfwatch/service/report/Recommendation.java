package io.perfwatch.service.report;

/**
 * One optimization recommendation, derived from what was measured.
 *
 * @param category database, caching, resources, code or reliability
 * @param priority low, medium, high or critical (from the alert, or from how far the measurement is off)
 * @param evidence what it is about: an endpoint, a table, a fingerprint
 */
public record Recommendation(String category, String priority, String title, String detail, String evidence) {}
