package io.perfwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import spark.Service;

/** The server perfwatch builds for Spark hands each request's header values to the app exactly as sent. */
class MeasuringServerFactoryTest {
  private final Service http = Service.ignite().port(0);

  @AfterEach
  void stop() {
    http.stop();
    http.awaitStop();
  }

  @Test
  void headerValuesDifferingOnlyInLetterCaseAreNotMergedOnOneConnection() throws IOException {
    SparkPerfWatch.instrument(PerfWatch.builder().config(PerfWatchConfig.defaults()).build(), http);
    http.get("/echo", (req, res) -> req.headers("Authorization") + " | " + req.headers("X-Tenant-ID"));
    http.awaitInitialization();

    List<String> echoed = new ArrayList<>();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", http.port()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1));
      for (String spelling : List.of("Bearer SeCrEt-Token-01", "Bearer secret-token-01", "Bearer SECRET-TOKEN-01")) {
        out.write(("GET /echo HTTP/1.1\r\nHost: x\r\nAuthorization: " + spelling + "\r\nX-Tenant-ID: "
            + spelling.substring(7) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        echoed.add(body(in));
      }
    }

    // Jetty's default per-connection header cache would answer "Bearer SeCrEt-Token-01 | SeCrEt-Token-01" thrice.
    assertThat(echoed).containsExactly("Bearer SeCrEt-Token-01 | SeCrEt-Token-01",
        "Bearer secret-token-01 | secret-token-01", "Bearer SECRET-TOKEN-01 | SECRET-TOKEN-01");
  }

  /** The body of one keep-alive answer (Spark answers a short string with a Content-Length or in one chunk). */
  private static String body(BufferedReader in) throws IOException {
    int length = -1;
    boolean chunked = false;
    for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      length = Integer.parseInt(in.readLine().trim(), 16);
    }
    char[] body = new char[length];
    for (int read = 0, n = 0; read < length; read += n) {
      n = in.read(body, read, length - read);
      if (n < 0) {
        throw new IOException("the connection ended inside a body");
      }
    }
    if (chunked) {
      in.readLine(); // end of the chunk
      in.readLine(); // the last chunk, "0"
      in.readLine(); // end of the chunked body
    }
    return new String(body);
  }
}
