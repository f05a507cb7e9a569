package io.perfwatch.bench;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.service.demo.DemoApp;
import io.perfwatch.spark.SparkPerfWatch;
import java.util.Optional;
import spark.Service;

/**
 * A server for the wrk runs of {@code run.sh}: {@code hello} (a Spark hello-world route) or {@code demo} (the demo
 * app on in-memory H2), {@code bare} or {@code instrumented} by perfwatch. Prints {@code port=N} once serving.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.perfwatch.bench.EndToEndServer demo instrumented 0</pre>
 */
public final class EndToEndServer {
  private EndToEndServer() {}

  public static void main(String[] args) {
    if (args.length != 3 || !args[0].matches("hello|demo") || !args[1].matches("bare|instrumented")) {
      System.err.println("usage: EndToEndServer hello|demo bare|instrumented PORT");
      System.exit(2);
    }
    boolean instrumented = "instrumented".equals(args[1]);
    // bare: monitoring disabled, so the demo's DataSource is not wrapped either and no meter is touched
    PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.builder().enabled(instrumented).build()).build();
    Service http = Service.ignite().port(Integer.parseInt(args[2]));
    if (instrumented) {
      SparkPerfWatch.instrument(perfwatch, http);
    }
    if ("hello".equals(args[0])) {
      http.get("/hello", (req, res) -> "Hello World");
    } else {
      DemoApp.open(perfwatch, Optional.empty()).mount(http);
    }
    http.awaitInitialization();
    System.out.println("port=" + http.port());
  }
}
