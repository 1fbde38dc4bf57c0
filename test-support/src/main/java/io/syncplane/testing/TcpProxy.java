package io.syncplane.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a shared test service (Redis, Postgres), so a test can make it "go away" for its own
 * connections only:
 * {@link #goDown()} drops every connection and refuses new ones until {@link #comeBack()}; {@link #holdReplies()}
 * lets requests through but keeps the answers, to catch a call in flight (held answers are never delivered: they go
 * when the connections are dropped).
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Socket> upstreams = ConcurrentHashMap.newKeySet();
    private final AtomicLong repliesHeld = new AtomicLong();
    private final Object replyGate = new Object();
    private volatile boolean accepting = true;
    private volatile boolean holdingReplies;
    private volatile boolean closed;

    public TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String redisUri() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    public void goDown() {
        accepting = false;
        dropConnections();
    }

    public void comeBack() {
        accepting = true;
    }

    public void dropConnections() {
        List.copyOf(sockets).forEach(TcpProxy::closeQuietly);
        synchronized (replyGate) {
            holdingReplies = false;
            replyGate.notifyAll();
        }
    }

    public void holdReplies() {
        holdingReplies = true;
    }

    /** Bytes the service answered that the proxy is holding back. */
    public long repliesHeld() {
        return repliesHeld.get();
    }

    /** The proxy's own side of its connections to the service, as Redis' CLIENT LIST shows them ("127.0.0.1:port"). */
    public List<String> upstreamAddresses() {
        return upstreams.stream().map(s -> "127.0.0.1:" + s.getLocalPort()).toList();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        dropConnections();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (!accepting) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort));
                sockets.add(client);
                sockets.add(upstream);
                upstreams.add(upstream);
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (replies) {
                        waitWhileHolding(read);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side went away, or the test dropped the connection
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
                upstreams.remove(from);
                upstreams.remove(to);
            }
        }, replies ? "tcp-proxy-replies" : "tcp-proxy-requests");
        thread.setDaemon(true);
        thread.start();
    }

    private void waitWhileHolding(int bytes) throws InterruptedException, SocketException {
        synchronized (replyGate) {
            if (!holdingReplies) {
                return;
            }
            repliesHeld.addAndGet(bytes);
            while (holdingReplies) {
                replyGate.wait();
            }
        }
        throw new SocketException("replies were held while the connection was dropped");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
