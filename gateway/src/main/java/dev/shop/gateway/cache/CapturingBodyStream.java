package dev.shop.gateway.cache;

import dev.shop.gateway.http.ForwardingBodyStream;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Passes an answer's body through untouched while keeping a copy of it, up to a limit: past the limit the copy is
 * dropped (the client still gets the whole body, the cache nothing). The copy is complete only once the stream ended
 * without an error.
 */
final class CapturingBodyStream extends ForwardingBodyStream {

    private final long limit;
    private Buffer copy;
    private boolean ended;

    CapturingBodyStream(ReadStream<Buffer> delegate, int expectedLength, long limit) {
        super(delegate);
        this.limit = limit;
        this.copy = Buffer.buffer(Math.max(0, expectedLength));
    }

    /** The whole body, or {@code null} if it went over the limit, failed or has not ended. */
    Buffer captured() {
        return ended ? copy : null;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        if (handler == null) {
            delegate.exceptionHandler(null);
        } else {
            delegate.exceptionHandler(failure -> {
                copy = null;
                handler.handle(failure);
            });
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            delegate.handler(null);
        } else {
            delegate.handler(buffer -> {
                if (copy != null) {
                    if (copy.length() + (long) buffer.length() > limit) {
                        copy = null;
                    } else {
                        copy.appendBuffer(buffer);
                    }
                }
                handler.handle(buffer);
            });
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        if (endHandler == null) {
            delegate.endHandler(null);
        } else {
            delegate.endHandler(v -> {
                ended = true;
                endHandler.handle(v);
            });
        }
        return this;
    }
}
