package io.perfwatch.service.api;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Header variants of a valid request: what Jetty refuses before any route runs (control characters, oversized or
 * folded headers, a missing Host, an unknown expectation, a request line over the limit) and what the API must
 * ignore (Accept, charsets, content types and bodies on a GET, forwarding headers, bytes beyond ASCII).
 */
final class FuzzHeaders {
  private static final String HOST = FuzzRequests.HOST;

  private FuzzHeaders() {}

  static Arbitrary<FuzzRequest> variant(FuzzRequest valid) {
    String rest = valid.head().substring(valid.head().indexOf("\r\n") + 2); // the headers after the request line
    String line = valid.method() + " " + valid.target() + " HTTP/1.1\r\n";
    Optional<Integer> same = valid.expected();
    Arbitrary<FuzzRequest> refused = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.chars().range('\u0000', '\u001f').with('\u007f').filter(c -> c != '\t' && c != '\r'
            && c != '\n').map(c -> header(valid, rest + "X-Fuzz: a" + c + "b\r\n", 400))),
        Tuple.of(2, Arbitraries.integers().between(8_300, 20_000).map(n -> header(valid, rest + "X-Big: "
            + "b".repeat(n) + "\r\n", 431))),
        Tuple.of(1, Arbitraries.integers().between(8_300, 10_000).map(n -> new FuzzRequest("header",
            valid.method(), valid.target(), valid.method() + " " + valid.target() + (valid.target().contains("?")
            ? "&" : "?") + "pad=" + "p".repeat(n) + " HTTP/1.1\r\n" + rest, new byte[0], Optional.of(414)))),
        Tuple.of(1, Arbitraries.just(new FuzzRequest("header", valid.method(), valid.target(), line
            + rest.replace(HOST, ""), new byte[0], Optional.of(400)))),
        Tuple.of(1, Arbitraries.just(header(valid, rest + "X-Fold: a\r\n b\r\n", 400))),
        Tuple.of(1, Arbitraries.just(header(valid, rest + "Expect: 200-ok\r\n", 417))),
        // an h2c upgrade without HTTP2-Settings is malformed (RFC 7540 3.2.1): Jetty refuses it
        Tuple.of(1, Arbitraries.just(header(valid, rest + "Connection: Upgrade\r\nUpgrade: h2c\r\n", 400))),
        Tuple.of(1, Arbitraries.of("X Fuzz: v", "X(Fuzz): v", "X\u00e9: v", ": v", "X-Fuzz v")
            .map(h -> header(valid, rest + h + "\r\n", null))));
    Arbitrary<FuzzRequest> ignored = Arbitraries.oneOf(
        Arbitraries.of("Accept: text/html", "Accept: image/png", "Accept: */*;q=0", "Accept: application/xml",
            "Accept: application/json;q=0", "Accept: ;;;", "Accept-Charset: bogus", "Accept-Charset: *;q=0",
            "Accept-Encoding: gzip, br", "Content-Type: text/html", "Content-Type: garbage", "Cookie: a=b; ;; c",
            "X-Forwarded-For: 203.0.113.7", "Forwarded: for=unknown", "Range: bytes=0-1", "Expect: 100-continue",
            "X-Tenant-ID: tenant-1", "X-Empty:")
            .map(h -> header(valid, rest + h + "\r\n", same.orElse(null))),
        Arbitraries.strings().withCharRange('\u0080', '\u00ff').ofMinLength(1).ofMaxLength(20)
            .map(v -> header(valid, rest + "X-Latin1: " + v + "\r\n", same.orElse(null))),
        Arbitraries.integers().between(10, 120).map(n -> header(valid, rest + "X-Many: v\r\n".repeat(n),
            same.orElse(null))),
        Arbitraries.of("minutes=5&zz=1", "{\"top_n\": 3}", "").map(body -> header(valid, rest
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n",
            refusedBody(valid, !body.isEmpty())).withBody("", body)),
        Arbitraries.just(header(valid, rest + "Transfer-Encoding: chunked\r\n", refusedBody(valid, true))
            .withBody("", "5\r\nhello\r\n0\r\n\r\n")));
    return Arbitraries.frequencyOf(Tuple.of(2, refused), Tuple.of(3, ignored));
  }

  /** POST analyze refuses any body (415); a GET ignores it. */
  private static Integer refusedBody(FuzzRequest valid, boolean hasBody) {
    return valid.method().equals("POST") && hasBody ? Integer.valueOf(415) : valid.expected().orElse(null);
  }

  private static FuzzRequest header(FuzzRequest valid, String headers, Integer expected) {
    return FuzzRequest.of("header", valid.method(), valid.target(), headers, Optional.ofNullable(expected));
  }
}
