package io.perfwatch.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar ({@code pom.properties}); classes run from a build tree have none. */
final class Version implements IVersionProvider {
  private static final String POM_PROPERTIES = "/META-INF/maven/io.perfwatch/perfwatch-service/pom.properties";

  @Override
  public String[] getVersion() throws IOException {
    return new String[] {"perfwatch " + version()};
  }

  static String version() throws IOException {
    try (InputStream in = Version.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return "(development build, not from a jar)";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "(unknown version)");
    }
  }
}
