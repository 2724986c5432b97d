package dev.shop.order.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import dev.shop.order.support.FakeWorld;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The counters count each order exactly once, whatever is repeated or raced: the guarantee analytics' numbers rest on
 * when an event is redelivered after a crash between two counter writes.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class SalesLedgerTest {

    @Inject
    SalesLedger ledger;
    @Inject
    SaleRepository sales;

    @Test
    void anOrderAddedTwiceOrRemovedTwiceCountsOnce() {
        String product = FakeWorld.newId();
        String order = FakeWorld.newId();

        ledger.addProductUnits(order, product, "1998-01-01", 3).await().indefinitely();
        ledger.addProductUnits(order, product, "1998-01-01", 3).await().indefinitely();
        assertThat(counter(product + "|1998-01-01").get("units", Number.class).longValue()).isEqualTo(3);

        ledger.removeProductUnits(order, product, "1998-01-01", 3).await().indefinitely();
        ledger.removeProductUnits(order, product, "1998-01-01", 3).await().indefinitely();
        Document after = counter(product + "|1998-01-01");
        assertThat(after.get("units", Number.class).longValue()).isZero();
        assertThat(after.get("orders", Number.class).longValue()).isZero();
    }

    @Test
    void twentyOrdersRacingToCreateTheSameCounterAreAllCounted() throws Exception {
        String product = FakeWorld.newId();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String order = FakeWorld.newId();
                calls.add(() -> ledger.addProductUnits(order, product, "1998-01-02", 2).await().indefinitely());
            }
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Document counter = counter(product + "|1998-01-02");
        assertThat(counter.get("units", Number.class).longValue()).isEqualTo(40);
        assertThat(counter.get("orders", Number.class).longValue()).isEqualTo(20);
        assertThat(counter.getList("applied", String.class)).hasSize(20);
    }

    private Document counter(String id) {
        return sales.mongoDatabase().getCollection(SalesLedger.PRODUCT_DAYS).find(Filters.eq("_id", id)).collect()
                .first().await().indefinitely();
    }
}
