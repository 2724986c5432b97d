package dev.shop.kit.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** A write wakes exactly the waiters of its document, whichever form its id came in; forgotten signals are gone. */
class AggregateWritesTest {

    private final AggregateWrites writes = new AggregateWrites();

    @Test
    void aWriteWakesTheWaitersOfItsDocumentOnly() {
        ObjectId order = new ObjectId();
        CompletableFuture<Void> first = writes.next("orders", order);
        CompletableFuture<Void> second = writes.next("orders", order);
        CompletableFuture<Void> other = writes.next("orders", new ObjectId());
        CompletableFuture<Void> sameIdElsewhere = writes.next("carts", order);
        assertThat(writes.waiting()).isEqualTo(4);

        writes.written("orders", new BsonObjectId(order)); // the store's insert gives the encoded id

        assertThat(first).isDone();
        assertThat(second).isDone();
        assertThat(other).isNotDone();
        assertThat(sameIdElsewhere).isNotDone();
        assertThat(writes.waiting()).isEqualTo(2);
    }

    @Test
    void aSignalRegisteredAfterAWriteWaitsForTheNextOne() {
        writes.written("carts", "u-1");
        CompletableFuture<Void> signal = writes.next("carts", "u-1");
        assertThat(signal).isNotDone();
        writes.written("carts", new BsonString("u-1"));
        assertThat(signal).isDone();
    }

    @Test
    void aForgottenSignalIsNotKept() {
        CompletableFuture<Void> signal = writes.next("orders", "o-1");
        writes.forget("orders", "o-1", signal);
        assertThat(writes.waiting()).isZero();
        writes.written("orders", "o-1");
        assertThat(signal).isNotDone();
    }
}
