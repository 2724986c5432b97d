package dev.shop.auth.application;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs CPU-heavy or blocking work (password hashing, file and provider I/O) off the event loop, then continues on the
 * request's Vert.x context, so the request id (and with it the events' correlation id) follows the request.
 */
public final class Offload {

    private Offload() {
    }

    public static <T> Uni<T> blocking(Supplier<T> work) {
        Context context = Vertx.currentContext();
        return resumeOn(context, Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /** Delivers the outcome of {@code uni} on {@code context} (if there is one). */
    public static <T> Uni<T> resumeOn(Context context, Uni<T> uni) {
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
