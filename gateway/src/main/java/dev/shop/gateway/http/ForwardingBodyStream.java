package dev.shop.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A body stream that passes flow control (pause, resume, fetch) straight to the stream it wraps; subclasses decide
 * what happens to the data, the end and failures.
 */
public abstract class ForwardingBodyStream implements ReadStream<Buffer> {

    protected final ReadStream<Buffer> delegate;

    protected ForwardingBodyStream(ReadStream<Buffer> delegate) {
        this.delegate = delegate;
    }

    @Override
    public ReadStream<Buffer> pause() {
        delegate.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        delegate.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        delegate.fetch(amount);
        return this;
    }
}
