package dev.shop.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.shop.kit.problem.ProblemException;

class OrderNumbersTest {

    @Test
    void numbersAreReadableAndCarryTheYear() {
        SplittableRandom random = new SplittableRandom(7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String number = OrderNumbers.next(Instant.parse("2026-12-31T23:59:59Z"), random);
            assertThat(number).matches("SO-2026-[0-9A-HJKMNP-TV-Z]{6}");
            assertThat(OrderNumbers.looksLikeNumber(number)).isTrue();
            seen.add(number);
        }
        // 32^6 possibilities: ten thousand draws practically never repeat (the unique index handles it if they do).
        assertThat(seen.size()).isGreaterThan(9_990);
    }

    @Test
    void idempotencyKeysAreSaneTokens() {
        assertThat(IdempotencyKey.parse("8e03978e-40d5-43e8-bc93-6894a57f9324"))
                .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(IdempotencyKey.parse("\"order:2026.12.01_1\"")).isEqualTo("order:2026.12.01_1");
        for (String bad : new String[] { null, "", "  ", "short", "has space inside", "x".repeat(129), "-leading-dash",
                "ключ-ключ-ключ" }) {
            assertThatThrownBy(() -> IdempotencyKey.parse(bad)).as("%s", bad)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
