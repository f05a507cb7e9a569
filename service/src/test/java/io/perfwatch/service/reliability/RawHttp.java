package io.perfwatch.service.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http.HttpClient} will not send: a {@code Content-Length} it
 * does not back with a body, a {@code Transfer-Encoding} in another letter case, a body that never ends, malformed
 * headers. The request asks for {@code Connection: close}; the answer is read until its {@code Content-Length} is
 * complete (a server that has not read a declared body may keep the connection open), or until the server closes.
 */
public final class RawHttp {
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)");

  private RawHttp() {}

  /** The status code and the rest of an answer. */
  public record Answer(int status, String text) {

    /** The body: everything after the blank line that ends the headers (the demo and the API never chunk). */
    public String body() {
      int end = text.indexOf("\r\n\r\n");
      return end < 0 ? "" : text.substring(end + 4);
    }

    /** The first value of the header {@code name} (in any letter case), if the answer has it. */
    public Optional<String> header(String name) {
      int end = text.indexOf("\r\n\r\n");
      Matcher header = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \t]*(.*?)[ \t]*$")
          .matcher(end < 0 ? text : text.substring(0, end));
      return header.find() ? Optional.of(header.group(1)) : Optional.empty();
    }
  }

  /**
   * Sends {@code head} (request line and headers, each ending in CRLF, without the blank line), then {@code body}
   * as it is, keeps the socket's sending side open, and reads the answer; {@code timeout} bounds each read.
   */
  public static Answer exchange(int port, String head, byte[] body, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n = 0; n >= 0 && !complete(answer.toByteArray()); n = in.read(buffer)) {
          answer.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no complete answer within " + timeout + "; received: "
            + answer.toString(StandardCharsets.UTF_8), e);
      }
      String text = answer.toString(StandardCharsets.UTF_8);
      if (!text.startsWith("HTTP/1.1 ")) {
        throw new AssertionError("not an HTTP/1.1 answer: " + text);
      }
      return new Answer(Integer.parseInt(text.substring(9, 12)), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Headers and as many body bytes as their Content-Length says have arrived. */
  private static boolean complete(byte[] received) {
    String text = new String(received, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    Matcher length = CONTENT_LENGTH.matcher(text.substring(0, end));
    return length.find() && received.length - end - 4 >= Long.parseLong(length.group(1));
  }

  /** One chunk of chunked transfer coding: size in hex, CRLF, the data, CRLF. */
  static byte[] chunk(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(data);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
