package dev.shop.testkit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
 * and the driver drops its whole connection pool. Here each message is handled under one lock and its reply is deep
 * copied before the lock is released. A real MongoDB needs none of this.
 */
final class ConsistentReplies implements MongoBackend {

    private final MongoBackend delegate;
    private final Object lock = new Object();

    ConsistentReplies(MongoBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        synchronized (lock) {
            Document reply = delegate.handleCommand(channel, database, command, query);
            return reply == null ? null : reply.cloneDeeply();
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        synchronized (lock) {
            QueryResult result = delegate.handleQuery(query);
            List<Document> copies = new ArrayList<>();
            for (Document document : result) {
                copies.add(document.cloneDeeply());
            }
            return new QueryResult(copies, result.getCursorId());
        }
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        synchronized (lock) {
            Document reply = delegate.handleMessage(message);
            return reply == null ? null : reply.cloneDeeply();
        }
    }

    @Override
    public void handleClose(Channel channel) {
        synchronized (lock) {
            delegate.handleClose(channel);
        }
    }

    @Override
    public void dropDatabase(String database) {
        synchronized (lock) {
            delegate.dropDatabase(database);
        }
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
        synchronized (lock) {
            delegate.close();
        }
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        synchronized (lock) {
            delegate.closeCursors(cursorIds);
        }
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
