package dev.shop.gateway.proxy;

import dev.shop.gateway.http.ForwardingBodyStream;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Passes a request body through untouched, counting it. Once it has been fully read a callback starts the response
 * timeout (counting from the first byte would cut off a large upload from a slow client). A body that goes over the
 * limit stops being forwarded and fails the stream, which resets the request to the service; the gateway then answers
 * 413.
 */
final class GuardedBodyStream extends ForwardingBodyStream {

    private final long limit;
    private final Runnable onEnd;
    private final Runnable onTooLarge;
    private long seen;
    private boolean over;
    private Handler<Throwable> exceptionHandler;

    GuardedBodyStream(ReadStream<Buffer> delegate, long limit, Runnable onEnd, Runnable onTooLarge) {
        super(delegate);
        this.limit = limit;
        this.onEnd = onEnd;
        this.onTooLarge = onTooLarge;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        delegate.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            delegate.handler(null);
            return this;
        }
        delegate.handler(buffer -> {
            if (over) {
                return;
            }
            seen += buffer.length();
            if (seen > limit) {
                over = true;
                onTooLarge.run();
                Handler<Throwable> failed = exceptionHandler;
                if (failed != null) {
                    failed.handle(new BodyTooLargeException(limit));
                }
                return;
            }
            handler.handle(buffer);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        if (endHandler == null) {
            delegate.endHandler(null);
        } else {
            delegate.endHandler(v -> {
                if (!over) {
                    onEnd.run();
                    endHandler.handle(v);
                }
            });
        }
        return this;
    }
}
