package io.perfwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.testkit.LoopbackClient;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import spark.Service;

/** An app customizes the Jetty server Spark runs on through the adapter, since perfwatch owns Spark's factory. */
class JettyCustomizerTest {
  private final Service http = Service.ignite().port(0);

  @AfterEach
  void stop() {
    http.stop();
    http.awaitStop();
  }

  @Test
  void customizerGetsTheServerSparkStartsBeforeItStarts() {
    AtomicReference<Server> customized = new AtomicReference<>();
    AtomicBoolean startedWhenCustomized = new AtomicBoolean(true);
    SparkPerfWatch.instrument(PerfWatch.builder().build(), http, server -> {
      startedWhenCustomized.set(server.isStarted());
      server.setStopTimeout(1_234);
      customized.set(server);
    });
    http.get("/hello", (req, res) -> "hello");
    http.awaitInitialization();

    assertThat(new LoopbackClient(http.port()).get("/hello").body()).isEqualTo("hello");
    assertThat(startedWhenCustomized).isFalse();
    assertThat(customized.get().getStopTimeout()).isEqualTo(1_234);
    assertThat(((ServerConnector) customized.get().getConnectors()[0]).getLocalPort()).isEqualTo(http.port());
  }
}
