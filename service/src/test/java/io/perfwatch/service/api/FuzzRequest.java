package io.perfwatch.service.api;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One request of the fuzz test, as raw HTTP/1.1: {@code head} is the request line and headers (each ending in CRLF,
 * without the blank line), sent as ISO-8859-1 bytes so that any byte can be tried.
 *
 * @param kind what it tries: {@code valid}, {@code invalid}, {@code path}, {@code header}, {@code method},
 *     {@code auth}
 * @param expected the status the document promises for it, when there is exactly one
 */
record FuzzRequest(String kind, String method, String target, String head, byte[] body,
    Optional<Integer> expected) {

  static FuzzRequest of(String kind, String method, String target, String headers, Optional<Integer> expected) {
    return new FuzzRequest(kind, method, target, method + " " + target + " HTTP/1.1\r\n" + headers, new byte[0],
        expected);
  }

  FuzzRequest withBody(String extraHeaders, String content) {
    return new FuzzRequest(kind, method, target, head + extraHeaders, content.getBytes(StandardCharsets.UTF_8),
        expected);
  }

  /** The path part of the target, as sent (not decoded). */
  String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  @Override
  public String toString() {
    String shown = head.length() > 300 ? head.substring(0, 300) + "...(" + head.length() + " chars)" : head;
    return kind + ": " + shown.replace("\r\n", "\\r\\n ") + (body.length > 0 ? " + " + body.length + " bytes" : "");
  }
}
