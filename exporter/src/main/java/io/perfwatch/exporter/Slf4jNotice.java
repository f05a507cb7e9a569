package io.perfwatch.exporter;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * perfwatch logs through the SLF4J API only and ships no provider. Without one, SLF4J drops every line, so slow
 * requests and alerts would vanish without a trace: say so once, on stderr, when the first perfwatch is built.
 */
final class Slf4jNotice {
  static final String LINE = "perfwatch: no SLF4J provider found, so perfwatch's warnings and alerts will not be "
      + "visible; add one to the app, e.g. org.slf4j:slf4j-simple";
  private static final AtomicBoolean CHECKED = new AtomicBoolean();

  private Slf4jNotice() {}

  static void printOnceIfNoProvider(PrintStream err) {
    if (CHECKED.compareAndSet(false, true) && isNop(LoggerFactory.getILoggerFactory())) {
      err.println(LINE);
    }
  }

  static boolean isNop(ILoggerFactory factory) {
    return factory instanceof NOPLoggerFactory;
  }
}
