package dev.shop.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.catalog.StockLine;
import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.catalog.StockReleased;
import dev.shop.contracts.catalog.StockReserved;
import dev.shop.kit.aggregate.IllegalTransitionException;

class StockReservationTest {

    private static final String P1 = "6560a1f2c3d4e5f601234567";
    private static final String P2 = "6560a1f2c3d4e5f601234568";
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void aPlacedOrderIsReservedOnceAndAnnouncedWithTheHeldLines() {
        StockReservation r = placed();
        List<StockReservation.Line> held = List.of(new StockReservation.Line(P1, "SKU-1", 2),
                new StockReservation.Line(P2, "SKU-2", 1));

        assertThat(r.reserve(held, NOW)).containsExactly(new StockReserved("o-1",
                List.of(new StockLine(P1, "SKU-1", 2), new StockLine(P2, "SKU-2", 1))));
        assertThat(r.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(r.mayHoldStock()).isTrue();
        assertThatThrownBy(() -> r.reserve(held, NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> r.beginRejection(List.of(rejection()))).isInstanceOf(
                IllegalTransitionException.class);
    }

    @Test
    void aRejectionIsClaimedBeforeItIsAnnouncedAndThenNothingCanBeReserved() {
        StockReservation r = placed();

        assertThat(r.beginRejection(List.of(rejection()))).isEmpty();
        assertThat(r.mayHoldStock()).isFalse();
        assertThatThrownBy(() -> r.reserve(List.of(), NOW)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("REJECTING");
        assertThat(r.reject(NOW)).singleElement().isInstanceOfSatisfying(StockRejected.class,
                e -> assertThat(e.lines()).containsExactly(
                        new StockRejected.RejectedLine(P2, 5, 1, StockRejected.INSUFFICIENT_STOCK)));
        assertThat(r.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThatThrownBy(() -> r.reject(NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> r.beginRelease(StockReleased.ORDER_CANCELLED))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aReleaseOfAReservedOrderAnnouncesItsLinesAndOfAPendingOneWhatWasGivenBack() {
        StockReservation reserved = placed();
        reserved.reserve(List.of(new StockReservation.Line(P1, "SKU-1", 2), new StockReservation.Line(P2, "SKU-2", 1)),
                NOW);
        reserved.beginRelease(StockReleased.ORDER_CANCELLED);
        assertThat(reserved.mayHoldStock()).isFalse();
        StockReleased all = (StockReleased) reserved.release(List.of(), NOW).get(0);
        assertThat(all.lines()).extracting(StockLine::productId).containsExactly(P1, P2);
        assertThat(all.reason()).isEqualTo(StockReleased.ORDER_CANCELLED);

        StockReservation pending = placed();
        pending.beginRelease(StockReleased.ORDER_REJECTED);
        StockReleased some = (StockReleased) pending.release(List.of(new StockReservation.Line(P1, null, 2)), NOW)
                .get(0);
        assertThat(some.lines()).extracting(StockLine::productId).containsExactly(P1);
        assertThatThrownBy(() -> pending.release(List.of(), NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void soldAndCompletedOnlyForAReservedOrderAndRepeatingThemChangesNothing() {
        StockReservation r = placed();
        assertThatThrownBy(r::markSold).isInstanceOf(IllegalTransitionException.class);
        r.reserve(List.of(new StockReservation.Line(P1, "SKU-1", 2)), NOW);

        assertThat(r.markSold()).isEmpty();
        assertThat(r.sold()).isTrue();
        assertThat(r.markSold()).isEmpty();
        assertThat(r.complete(NOW)).isEmpty();
        assertThat(r.status()).isEqualTo(ReservationStatus.COMPLETED);
        assertThat(r.complete(NOW)).isEmpty();
        assertThatThrownBy(() -> r.beginRelease(StockReleased.ORDER_CANCELLED))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void anOrderCancelledBeforeItWasSeenHoldsNothingAndCannotBeReserved() {
        StockReservation r = StockReservation.cancelledUnseen("o-2", StockReleased.ORDER_CANCELLED, NOW);

        assertThat(r.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(r.mayHoldStock()).isFalse();
        assertThat(r.holdableLines()).isEmpty();
        assertThatThrownBy(() -> r.reserve(List.of(), NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void linesOfOneProductAreAddedUpAndATotalAboveTheLimitIsInvalid() {
        List<StockRequest.Line> merged = StockRequest.merge(List.of(new StockRequest.Line(P1, 6_000),
                new StockRequest.Line(P2, 1), new StockRequest.Line(P1, 5_000)));

        assertThat(merged).containsExactly(new StockRequest.Line(P1, 11_000), new StockRequest.Line(P2, 1));
        assertThat(StockRequest.invalid(merged)).containsExactly(new StockRequest.Line(P1, 11_000));
        assertThat(StockRequest.merge(List.of(new StockRequest.Line(P1, Integer.MAX_VALUE),
                new StockRequest.Line(P1, Integer.MAX_VALUE)))).singleElement()
                .satisfies(l -> assertThat(l.quantity()).isEqualTo(Integer.MAX_VALUE));
    }

    private static StockReservation placed() {
        return StockReservation.place("o-1", "u-1", List.of(new StockRequest.Line(P1, 2), new StockRequest.Line(P2, 1)),
                NOW);
    }

    private static StockReservation.Rejection rejection() {
        return new StockReservation.Rejection(P2, 5, 1, StockRejected.INSUFFICIENT_STOCK);
    }
}
