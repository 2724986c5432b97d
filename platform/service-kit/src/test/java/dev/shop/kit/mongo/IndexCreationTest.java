package dev.shop.kit.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class IndexCreationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void createsEachIndexOnceInOrderAndRemembersSuccess() {
        List<String> created = new ArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        IndexCreation indexes = new IndexCreation("test", () -> {
            runs.incrementAndGet();
            return List.of(
                    Uni.createFrom().item(() -> created.add("first")),
                    Uni.createFrom().item(() -> created.add("second")));
        });

        indexes.ready().await().atMost(WAIT);
        indexes.ready().await().atMost(WAIT);

        assertThat(created).containsExactly("first", "second");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aFailedCreationIsTriedAgainByTheNextCaller() {
        AtomicInteger attempts = new AtomicInteger();
        IndexCreation indexes = new IndexCreation("test", () -> List.of(Uni.createFrom().item(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database unreachable");
            }
            return "index";
        })));

        assertThatThrownBy(() -> indexes.ready().await().atMost(WAIT)).hasMessageContaining("database unreachable");
        indexes.ready().await().atMost(WAIT);
        indexes.ready().await().atMost(WAIT);

        assertThat(attempts).hasValue(2);
    }

    @Test
    void aLaterStepWaitsForTheOneBefore() {
        List<String> created = new ArrayList<>();
        IndexCreation indexes = new IndexCreation("test", () -> List.of(
                Uni.createFrom().item("unique").onItem().delayIt().by(Duration.ofMillis(100))
                        .invoke(created::add),
                Uni.createFrom().item(() -> created.add("plain"))));

        indexes.ready().await().atMost(WAIT);

        assertThat(created).containsExactly("unique", "plain");
    }
}
