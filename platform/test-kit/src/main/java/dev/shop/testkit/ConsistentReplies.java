package dev.shop.testkit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * Makes every reply of the embedded server a snapshot. mongo-java-server (1.47) updates stored documents in place and
 * answers queries with references to them, which the network thread encodes after the collection lock is released; a
 * concurrent update that adds or removes a field (the outbox lease does) then tears the reply or breaks its encoding,
 * and the driver drops its whole connection pool. Here each message is handled under its database's lock and its reply
 * is deep copied before the lock is released; messages for different databases (each service owns one) run in
 * parallel, and what concerns every database (a closed connection, its cursors, shutdown) waits for all of them. A real
 * MongoDB needs none of this.
 */
final class ConsistentReplies implements MongoBackend {

    private final MongoBackend delegate;
    private final ConcurrentMap<String, Object> databaseLocks = new ConcurrentHashMap<>();
    private final ReadWriteLock everything = new ReentrantReadWriteLock();

    ConsistentReplies(MongoBackend delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code work} holding the database's lock (and a share of the lock on everything). */
    private <T> T inDatabase(String database, Supplier<T> work) {
        everything.readLock().lock();
        try {
            synchronized (databaseLocks.computeIfAbsent(database == null ? "" : database, name -> new Object())) {
                return work.get();
            }
        } finally {
            everything.readLock().unlock();
        }
    }

    /** Runs {@code work} while no message of any database is being handled. */
    private void exclusively(Runnable work) {
        everything.writeLock().lock();
        try {
            work.run();
        } finally {
            everything.writeLock().unlock();
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return inDatabase(database, () -> {
            Document reply = delegate.handleCommand(channel, database, command, query);
            return reply == null ? null : reply.cloneDeeply();
        });
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return inDatabase(query.getDatabaseName(), () -> {
            QueryResult result = delegate.handleQuery(query);
            List<Document> copies = new ArrayList<>();
            for (Document document : result) {
                copies.add(document.cloneDeeply());
            }
            return new QueryResult(copies, result.getCursorId());
        });
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return inDatabase(message.getDatabaseName(), () -> {
            Document reply = delegate.handleMessage(message);
            return reply == null ? null : reply.cloneDeeply();
        });
    }

    @Override
    public void handleClose(Channel channel) {
        exclusively(() -> delegate.handleClose(channel));
    }

    @Override
    public void dropDatabase(String database) {
        inDatabase(database, () -> {
            delegate.dropDatabase(database);
            return null;
        });
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        exclusively(delegate::close);
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        exclusively(() -> delegate.closeCursors(cursorIds));
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
