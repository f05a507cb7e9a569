package io.perfwatch.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Bytes of live objects per class, from the JVM's own class histogram ({@code jcmd <pid> GC.class_histogram}, which
 * runs a full collection first), read in-process through the DiagnosticCommand MBean.
 */
final class ClassHistogram {
  private ClassHistogram() {}

  static Map<String, Long> take() {
    String text;
    try {
      text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IllegalStateException("no class histogram from this JVM", e);
    }
    Map<String, Long> bytes = new HashMap<>();
    for (String line : text.split("\n")) {
      // " num: instances bytes class name (module)"
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
      }
    }
    return bytes;
  }
}
