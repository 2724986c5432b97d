package dev.shop.kit.mongo;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A service's indexes, created one after the other on boot without holding the boot up (an absent database must not
 * block startup), and awaited by the writes whose rules rely on a unique index. A failed creation is retried by the
 * next caller of {@link #ready()}.
 *
 * <pre>
 * private final IndexCreation indexes = new IndexCreation("order", () -&gt; List.of(
 *         orders.createIndex(Indexes.ascending("number"), new IndexOptions().unique(true))));
 *
 * void onStart(&#64;Observes StartupEvent event) {
 *     indexes.start();
 * }
 * </pre>
 */
public final class IndexCreation {

    private final String name;
    private final Supplier<List<Uni<?>>> steps;
    private final AtomicReference<Uni<Void>> ready = new AtomicReference<>();

    /**
     * @param name names the index set in logs
     * @param steps the index creations, each subscribed only after the previous one completed
     */
    public IndexCreation(String name, Supplier<List<Uni<?>>> steps) {
        this.name = name;
        this.steps = steps;
    }

    /** Starts creating the indexes in the background, logging the outcome. */
    public void start() {
        ready().subscribe().with(ok -> Log.debugf("%s indexes ready", name),
                failure -> Log.warnf("%s indexes not created yet: %s", name, failure.getMessage()));
    }

    /** Completes once every index exists; a failed attempt is retried by the next caller. */
    public Uni<Void> ready() {
        Uni<Void> current = ready.get();
        if (current != null) {
            return current;
        }
        Uni<Void> attempt = Uni.createFrom().deferred(() -> Multi.createFrom().iterable(steps.get())
                .onItem().transformToUniAndConcatenate(step -> step)
                .collect().last()
                .replaceWithVoid())
                .memoize().indefinitely();
        if (!ready.compareAndSet(null, attempt)) {
            return ready.get();
        }
        return attempt.onFailure().invoke(failure -> ready.compareAndSet(attempt, null));
    }
}
