package io.perfwatch.service.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on a free loopback port to one target, for taking a database "away" under a client that cannot tell:
 * {@link #cut()} resets every relayed connection (both ends get an RST) and resets every new one as soon as it is
 * accepted, until {@link #restore()}. The listening port stays open throughout, so nothing else can take it.
 */
final class TcpRelay implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tcp-relay");
    t.setDaemon(true);
    return t;
  });
  /** Both sockets of every relayed connection; guarded by {@code this}, like {@link #cut}. */
  private final Set<Socket> open = new HashSet<>();
  private boolean cut;
  private long refused;

  private TcpRelay(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
  }

  static TcpRelay to(String host, int port) {
    try {
      TcpRelay relay = new TcpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
          new InetSocketAddress(host, port));
      relay.threads.execute(relay::acceptLoop);
      return relay;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the relay's port", e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** Resets every open connection; new ones are reset on accept until {@link #restore()}. */
  synchronized void cut() {
    cut = true;
    open.forEach(TcpRelay::reset);
    open.clear();
  }

  synchronized void restore() {
    cut = false;
  }

  /** Connections reset on accept while cut. */
  synchronized long refused() {
    return refused;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        continue; // closed by close(): the loop condition ends it
      }
      if (admit(client)) {
        relay(client);
      }
    }
  }

  private void relay(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 5_000);
    } catch (IOException e) {
      reset(client); // the target is down: the client sees what it would see without the relay, a reset
      close(upstream);
      return;
    }
    if (register(client, upstream)) {
      threads.execute(() -> pump(client, upstream));
      threads.execute(() -> pump(upstream, client));
    }
  }

  private synchronized boolean admit(Socket client) {
    if (cut) {
      refused++;
      reset(client);
      return false;
    }
    return true;
  }

  /** False (and both reset) when a cut came between accepting and connecting upstream. */
  private synchronized boolean register(Socket client, Socket upstream) {
    if (cut) {
      refused++;
      reset(client);
      reset(upstream);
      return false;
    }
    open.add(client);
    open.add(upstream);
    return true;
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // reset by cut(), or the peer went away: close both below
    } finally {
      forget(from, to);
    }
  }

  private synchronized void forget(Socket a, Socket b) {
    open.remove(a);
    open.remove(b);
    close(a);
    close(b);
  }

  /** Closes with an RST instead of a FIN, as a crashed host or a dropped route looks to the peer. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed
    }
    close(socket);
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  @Override
  public void close() {
    cut();
    try {
      server.close();
    } catch (IOException e) {
      // nothing left to release
    }
    threads.shutdownNow();
  }
}
