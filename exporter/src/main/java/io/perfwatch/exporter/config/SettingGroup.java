package io.perfwatch.exporter.config;

/** The sections of the settings reference, in the order it lists them. */
public enum SettingGroup {
  EXPORTER("Recording (the exporter in your app and in the service)"),
  THRESHOLDS("Alert thresholds (the built-in rules' ${PERFORMANCE_...:default} references)"),
  SERVICE("Service"),
  SOURCES("Sources (what the rules evaluate; default: the service's own recording)"),
  SINKS("Sinks (where alerts go besides the API, the log and /metrics)");

  private final String title;

  SettingGroup(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
