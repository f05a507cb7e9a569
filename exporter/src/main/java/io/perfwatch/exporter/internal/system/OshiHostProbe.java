package io.perfwatch.exporter.internal.system;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
  private long[] previousTicks;
  private OSProcess previousProcess;

  OshiHostProbe() {
    SystemInfo info = new SystemInfo();
    this.processor = info.getHardware().getProcessor();
    this.memory = info.getHardware().getMemory();
    this.os = info.getOperatingSystem();
    this.previousTicks = processor.getSystemCpuLoadTicks();
    this.previousProcess = os.getCurrentProcess();
  }

  @Override
  public synchronized double systemCpuLoad() {
    double load = processor.getSystemCpuLoadBetweenTicks(previousTicks);
    previousTicks = processor.getSystemCpuLoadTicks();
    return load;
  }

  @Override
  public synchronized double processCpuLoad() {
    OSProcess now = os.getCurrentProcess();
    double load = now.getProcessCpuLoadBetweenTicks(previousProcess) / processor.getLogicalProcessorCount();
    previousProcess = now;
    return load;
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
