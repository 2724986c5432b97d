package dev.shop.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.common.Money;

class AmountsTest {

    @Test
    void sharesAddUpToTheTotalAndNeverExceedTheirWeight() {
        Random random = new Random(42);
        for (int run = 0; run < 2_000; run++) {
            long[] weights = new long[1 + random.nextInt(6)];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(1_000_000);
            }
            long sum = Arrays.stream(weights).sum();
            long total = sum == 0 ? 0 : (long) (random.nextDouble() * sum);

            long[] shares = Amounts.distribute(total, weights);

            assertThat(Arrays.stream(shares).sum()).isEqualTo(total);
            for (int i = 0; i < weights.length; i++) {
                assertThat(shares[i]).isBetween(0L, weights[i]);
            }
        }
    }

    @Test
    void theLeftoverUnitsGoToTheLargestRemainders() {
        assertThat(Amounts.distribute(100, new long[] { 1, 1, 1 })).containsExactly(34, 33, 33);
        assertThat(Amounts.distribute(10, new long[] { 2, 7, 1 })).containsExactly(2, 7, 1);
        assertThat(Amounts.distribute(1, new long[] { 3, 5 })).containsExactly(0, 1);
    }

    @Test
    void moneyReadsInMajorUnits() {
        assertThat(Amounts.format(new Money(129_900, "INR"))).isEqualTo("INR 1299.00");
        assertThat(Amounts.format(new Money(500, "JPY"))).isEqualTo("JPY 500");
    }
}
