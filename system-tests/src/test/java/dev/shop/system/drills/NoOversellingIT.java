package dev.shop.system.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.TestInstance;

import dev.shop.system.support.Buyers;
import dev.shop.system.support.Catalog;
import dev.shop.system.support.Checkout.Attempt;
import dev.shop.system.support.Client;
import dev.shop.system.support.Drill;
import dev.shop.system.support.SystemTest;

/**
 * No overselling: 200 buyers, each with one unit of a product that has 10 left in their cart, place their orders at the
 * same moment, five times over. Exactly 10 are confirmed; every other buyer is rejected, by the stock reservation
 * ({@code REJECTED}) or already at checkout once the catalogue's quote shows the stock gone (422); the stock ends at
 * 0, the sold count at 10, and no stock level below 0 is ever announced.
 */
@SystemTest
@Order(100)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoOversellingIT {

    private static final int BUYERS = 200;
    private static final int UNITS = 10;

    private Catalog catalog;
    private List<Client> buyers;

    @BeforeAll
    void buyersAndACatalogue() {
        catalog = Catalog.create(Client.demoAdmin(), "Oversell");
        buyers = Buyers.take(BUYERS);
    }

    @RepeatedTest(value = 5, name = "round {currentRepetition} of {totalRepetitions}")
    void twoHundredBuyersForTenUnitsConfirmExactlyTen(RepetitionInfo round) {
        String product = catalog.product("Last ten brake pads, round " + round.getCurrentRepetition(), 149_900,
                UNITS);

        long started = System.nanoTime();
        List<Attempt> attempts = Drill.race(buyers, product, Duration.ofMinutes(2));
        Drill.Figures figures = Drill.verify("no-overselling round " + round.getCurrentRepetition(), attempts,
                List.of(new Drill.Stocked(product, UNITS)), System.nanoTime(), Duration.ofSeconds(60));
        System.out.printf("no-overselling round %d took %.1f s%n", round.getCurrentRepetition(),
                (System.nanoTime() - started) / 1e9);

        assertThat(figures.confirmed()).as("confirmed").isEqualTo(UNITS);
        assertThat(figures.rejected() + figures.soldOut()).as("rejected or refused as sold out")
                .isEqualTo(BUYERS - UNITS);
    }
}
