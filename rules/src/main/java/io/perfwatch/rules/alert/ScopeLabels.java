package io.perfwatch.rules.alert;

import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The labels that tell the alerts of one rule apart (an alert's scope), named as Prometheus's own series name them,
 * so that perfwatch's push to Alertmanager and the exported Prometheus rules carry the same labels and
 * {@code prometheus/alertmanager.yml} can inhibit by them:
 *
 * <ul>
 *   <li>endpoint scope: {@code method}, {@code uri} (the route template), plus {@code table} for N+1 findings;
 *   <li>overall scope: {@code scope="overall"};
 *   <li>host resources: {@code resource} (cpu, memory...), plus {@code mount} for disks;
 *   <li>watched targets ({@code target_down}): none besides the fleet's {@code job} and {@code instance};
 *   <li>slow statements: {@code operation}, {@code table} and {@code query}, a 12-hex-digit id of the SQL
 *       fingerprint. Prometheus sees no fingerprints, so exported rules have no {@code query} label: they alert per
 *       operation and table.
 * </ul>
 *
 * <p>Over a fleet every alert also carries {@code job}, and {@code instance} when its rule is aggregated per
 * instance ({@link #JOB}, {@link #INSTANCE}).
 *
 * <p>Every value is short and from a bounded set (routes, tables and fingerprints are capped by the exporter); the
 * SQL text itself goes in the {@code fingerprint} annotation, never in a label.
 */
public final class ScopeLabels {
  public static final String METHOD = "method";
  public static final String URI = "uri";
  public static final String TABLE = "table";
  public static final String OPERATION = "operation";
  public static final String QUERY = "query";
  public static final String RESOURCE = "resource";
  public static final String MOUNT = "mount";
  public static final String SCOPE = "scope";
  public static final String JOB = "job";
  public static final String INSTANCE = "instance";
  /** The labels of every kind of rule together, in the order {@code alertmanager.yml}'s inhibit rules list them. */
  public static final List<String> ALL = List.of(METHOD, URI, OPERATION, TABLE, QUERY, MOUNT, RESOURCE, SCOPE);

  private static final HexFormat HEX = HexFormat.of();

  private ScopeLabels() {}

  /** The scope label names of {@code rule}'s alerts, in perfwatch's push. */
  public static List<String> of(RuleDefinition rule) {
    return switch (rule.scope()) {
      case ENDPOINT -> rule.detector() == Detector.N_PLUS_ONE ? List.of(METHOD, URI, TABLE) : List.of(METHOD, URI);
      case OVERALL -> List.of(SCOPE);
      case QUERY -> List.of(OPERATION, TABLE, QUERY);
      case HOST -> List.of(RESOURCE);
      case MOUNT -> List.of(RESOURCE, MOUNT);
      case TARGET -> List.of();
    };
  }

  /**
   * The scope labels whose value is the same for every alert of {@code rule} ({@code scope="overall"},
   * {@code resource="cpu"}): an exported Prometheus rule sets them in its {@code labels:}.
   */
  public static Map<String, String> constant(RuleDefinition rule) {
    if (rule.scope() == Scope.OVERALL) {
      return Map.of(SCOPE, "overall");
    }
    return rule.resource() == null ? Map.of() : Map.of(RESOURCE, rule.resource().yamlName());
  }

  /** The {@code query} label of a SQL fingerprint: the first 48 bits of its SHA-256, stable across restarts. */
  public static String queryId(String fingerprint) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
      return HEX.formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
