package dev.shop.cart.persistence;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The cart's one index beyond the ids: guest carts expire on {@code expiresAt}. Real MongoDB deletes them itself
 * (TTL); the embedded server stores the index but ignores it, and the code treats an expired guest cart as gone
 * anyway. Created without holding up the boot (a slow or absent database must not block startup).
 */
@ApplicationScoped
public class MongoIndexes {

    private final CartRepository carts;

    public MongoIndexes(CartRepository carts) {
        this.carts = carts;
    }

    void onStart(@Observes StartupEvent event) {
        carts.mongoCollection()
                .createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS))
                .subscribe().with(name -> Log.debugf("index %s ready", name),
                        failure -> Log.warnf("Could not create the guest-cart expiry index: %s",
                                failure.getMessage()));
    }
}
