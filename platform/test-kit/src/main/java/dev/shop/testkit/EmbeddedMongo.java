package dev.shop.testkit;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB-wire-protocol server (mongo-java-server) for tests and the local stack. The services talk to it with the
 * official driver exactly as they talk to a real replica set; it does not support multi-document transactions, change
 * streams or TTL expiry, which the services therefore do not rely on. Replies are snapshots ({@link ConsistentReplies}),
 * and queries that pin a unique key use its index ({@link IndexedLookups}).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend fileBackend;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoServer server, H2Backend fileBackend, InetSocketAddress address) {
        this.server = server;
        this.fileBackend = fileBackend;
        this.address = address;
    }

    /** An in-memory server on a free loopback port. */
    public static EmbeddedMongo inMemory() {
        MongoServer server = new MongoServer(new ConsistentReplies(new IndexedLookups.Memory()));
        return new EmbeddedMongo(server, null, server.bind());
    }

    /**
     * A server whose data lives in an H2 MVStore file and survives a clean stop. Writes of the last second or so are lost
     * if the process is killed hard.
     */
    public static EmbeddedMongo persistent(Path file, String host, int port) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        H2Backend backend = new IndexedLookups.H2(file.toAbsolutePath().toString());
        MongoServer server = new MongoServer(new ConsistentReplies(backend));
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new EmbeddedMongo(server, backend, server.getLocalAddress());
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        if (fileBackend != null) {
            fileBackend.close();
        }
    }
}
