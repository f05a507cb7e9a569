package io.perfwatch.service.reliability;

import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code java ... HeapWorkloadService}: the service as {@code Main} serves it (settings from the environment) in a JVM
 * that also does what a healthy application's heap does: {@value #GARBAGE_MIB_PER_SECOND} MiB/s of short-lived
 * garbage (a young collection every few seconds in a 256 MiB heap) and a bounded cache whose entries are replaced
 * steadily, so some garbage (about 2 MiB a minute) is promoted to the old generation, where it stays until an old
 * collection. With {@code TEST_LEAK_CHUNKS_PER_SECOND=n} it leaks instead of caching: it retains
 * {@value #CHUNK_BYTES}-byte arrays at n per second, forever, and the cache is left out so that what the old
 * generation gains is the leak alone. Prints {@value #READY} once everything runs.
 */
final class HeapWorkloadService {
  static final String READY = "heap workload running";
  static final int CHUNK_BYTES = 64 * 1024;
  /** What one retained chunk occupies on the heap: the array plus its 16-byte header (64-bit JVM). */
  static final int CHUNK_HEAP_BYTES = CHUNK_BYTES + 16;
  static final String LEAK_ENV = "TEST_LEAK_CHUNKS_PER_SECOND";
  private static final int GARBAGE_MIB_PER_SECOND = 48;
  private static final int CACHE_ENTRIES = 20_000;
  private static final int CACHE_REPLACEMENTS_PER_SECOND = 50;

  private HeapWorkloadService() {}

  public static void main(String[] args) throws InterruptedException {
    PerfWatchService service = new PerfWatchService(ServiceConfig.fromEnvironment(System.getenv())).start();
    ScheduledExecutorService workload = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "heap-workload");
      t.setDaemon(true);
      return t;
    });
    int leak = Integer.parseInt(System.getenv().getOrDefault(LEAK_ENV, "0"));
    workload.scheduleAtFixedRate(new Garbage(leak == 0), 0, 100, TimeUnit.MILLISECONDS);
    if (leak > 0) {
      List<byte[]> retained = new ArrayList<>();
      workload.scheduleAtFixedRate(() -> retained.add(new byte[CHUNK_BYTES]), 0, 1_000_000 / leak,
          TimeUnit.MICROSECONDS);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "workload-shutdown"));
    System.out.println(READY);
    service.awaitStopped();
  }

  /** A tenth of a second's garbage: short-lived buffers, and a few replaced entries of a bounded cache. */
  private static final class Garbage implements Runnable {
    private final Map<Long, byte[]> cache = new LinkedHashMap<>(CACHE_ENTRIES, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
        return size() > CACHE_ENTRIES;
      }
    };
    private final boolean caching;
    private long next;
    private long sink;

    Garbage(boolean caching) {
      this.caching = caching;
    }

    @Override
    public void run() {
      for (int i = 0; i < GARBAGE_MIB_PER_SECOND * 1024 / 10 / 4; i++) {
        byte[] buffer = new byte[4096];
        buffer[i % buffer.length] = (byte) i;
        sink += buffer[0];
      }
      for (int i = 0; caching && i < CACHE_REPLACEMENTS_PER_SECOND / 10; i++) {
        cache.put(next++, new byte[512]);
      }
    }
  }
}
