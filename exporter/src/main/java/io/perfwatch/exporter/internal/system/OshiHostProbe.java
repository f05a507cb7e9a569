package io.perfwatch.exporter.internal.system;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSFileStore;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * OSHI-backed probe. CPU and memory reads cost well under a millisecond. Disk usage goes through
 * {@link java.nio.file.FileStore} (about 0.5 ms) because OSHI's file-store listing starts an {@code lsblk} process
 * on each call (12-20 ms); OSHI is asked for the mount list once only.
 */
final class OshiHostProbe implements HostProbe {
  static final int MAX_MOUNTS = 20;
  private static final Set<String> PSEUDO_TYPES = Set.of("tmpfs", "devtmpfs", "proc", "sysfs", "cgroup", "cgroup2",
      "overlayfs", "squashfs", "devpts", "mqueue", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "autofs",
      "hugetlbfs", "fusectl", "configfs", "nsfs", "ramfs", "binfmt_misc", "efivarfs");

  private final CentralProcessor processor;
  private final GlobalMemory memory;
  private final OperatingSystem os;
  // null until the first call: a CPU share needs two readings, and the first call has only one
  private long @Nullable [] previousTicks;
  private @Nullable OSProcess previousProcess;

  OshiHostProbe() {
    SystemInfo info = new SystemInfo();
    this.processor = info.getHardware().getProcessor();
    this.memory = info.getHardware().getMemory();
    this.os = info.getOperatingSystem();
  }

  @Override
  public synchronized double systemCpuLoad() {
    long[] before = previousTicks;
    long[] now = processor.getSystemCpuLoadTicks();
    previousTicks = now;
    // OSHI answers 0 when no tick has passed since the previous reading: no time elapsed is no measurement
    return before == null || LongStream.of(now).sum() <= LongStream.of(before).sum() ? Double.NaN
        : processor.getSystemCpuLoadBetweenTicks(before);
  }

  @Override
  public synchronized double processCpuLoad() {
    OSProcess before = previousProcess;
    OSProcess now = os.getCurrentProcess();
    previousProcess = now;
    // without a previous reading OSHI would answer the average since the process started
    return before == null ? Double.NaN
        : now.getProcessCpuLoadBetweenTicks(before) / processor.getLogicalProcessorCount();
  }

  @Override
  public long memoryTotalBytes() {
    return memory.getTotal();
  }

  @Override
  public long memoryAvailableBytes() {
    return memory.getAvailable();
  }

  @Override
  public double loadAverage1m() {
    return processor.getSystemLoadAverage(1)[0];
  }

  @Override
  public Iterable<String> mountPoints() {
    List<String> mounts = new ArrayList<>();
    for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
      if (!PSEUDO_TYPES.contains(store.getType()) && store.getTotalSpace() > 0 && mounts.size() < MAX_MOUNTS
          && !mounts.contains(store.getMount())) {
        mounts.add(store.getMount());
      }
    }
    return mounts;
  }

  @Override
  public long[] diskUsage(String mountPoint) throws IOException {
    FileStore store = Files.getFileStore(Path.of(mountPoint));
    long total = store.getTotalSpace();
    return new long[] {total - store.getUnallocatedSpace(), total};
  }
}
