package io.perfwatch.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything written to {@code System.err} while open (slf4j-simple's log included), still passed on to the real
 * stderr; {@link #quiet()} keeps it instead, for tests whose expected failures log on purpose.
 */
public final class CapturedStderr implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  public CapturedStderr() {
    this(true);
  }

  /** Captures without passing on: assert on {@link #lines()} instead of reading them in the build log. */
  public static CapturedStderr quiet() {
    return new CapturedStderr(false);
  }

  private CapturedStderr(boolean passOn) {
    OutputStream both = new OutputStream() {
      @Override
      public void write(int b) {
        captured.write(b);
        if (passOn) {
          original.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        captured.write(b, off, len);
        if (passOn) {
          original.write(b, off, len);
        }
      }
    };
    System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
  }

  public List<String> lines() {
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
