package io.perfwatch.service.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import javax.servlet.ServletRequest;
import javax.servlet.ServletRequestWrapper;
import org.jspecify.annotations.Nullable;
import spark.Request;

/**
 * A JSON request body, refused before it is parsed when it is not {@code application/json} (415) or larger than the
 * limit (413). At most limit + 1 bytes are ever read: a declared {@code Content-Length} above the limit is refused
 * before a byte of the body is read, and a chunked body (no length) is read only up to limit + 1 bytes.
 *
 * <p>The bytes come from the container's own stream, under Spark's request wrapper: on the first read that wrapper
 * buffers the whole body unless its {@code Transfer-Encoding} header is exactly {@code chunked}, so a chunked body
 * sent as {@code Transfer-Encoding: gzip, chunked} (which Jetty accepts) would be buffered without bound, and
 * {@code Request.body()} goes through it.
 */
final class JsonBody {
  private JsonBody() {}

  /** The body's bytes, at most {@code limit} of them; throws the 415 or 413 {@link DemoException} otherwise. */
  static byte[] read(Request req, int limit) {
    checkContentType(req.contentType());
    if (req.raw().getContentLengthLong() > limit) {
      throw DemoException.bodyTooLarge(limit);
    }
    byte[] body = new byte[limit + 1];
    int length = 0;
    try {
      InputStream in = container(req.raw()).getInputStream();
      // Never a read of 0 bytes (readNBytes ends with one): Jetty's HttpInput waits for more of the body on it.
      while (length < body.length) {
        int n = in.read(body, length, body.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
    } catch (IOException e) {
      throw DemoException.invalidBody("request body could not be read to its end");
    }
    if (length > limit) {
      throw DemoException.bodyTooLarge(limit);
    }
    return Arrays.copyOf(body, length);
  }

  /**
   * {@code application/json} in any letter case; of the parameters only {@code charset} is looked at, and it must
   * be UTF-8 (the only encoding of JSON between systems, RFC 8259).
   */
  static void checkContentType(@Nullable String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw DemoException.unsupportedMediaType("Content-Type is missing: send the body as application/json");
    }
    String[] parts = contentType.split(";");
    boolean json = parts[0].strip().equalsIgnoreCase("application/json");
    for (int i = 1; i < parts.length && json; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].strip().equalsIgnoreCase("charset")) {
        String charset = parameter.length < 2 ? "" : parameter[1].strip().replace("\"", "");
        json = charset.toLowerCase(Locale.ROOT).equals("utf-8");
      }
    }
    if (!json) {
      throw DemoException.unsupportedMediaType("Content-Type must be application/json (charset, if given, utf-8)");
    }
  }

  private static ServletRequest container(ServletRequest request) {
    ServletRequest inner = request;
    while (inner instanceof ServletRequestWrapper wrapper) {
      inner = wrapper.getRequest();
    }
    return inner;
  }
}
