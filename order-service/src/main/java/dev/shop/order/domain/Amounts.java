package dev.shop.order.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;

import dev.shop.contracts.common.Money;

/** Money as people read it, and sharing an amount out in proportion without losing or inventing a minor unit. */
public final class Amounts {

    private Amounts() {
    }

    /** {@code INR 1299.00}: the currency code and the amount in major units. */
    public static String format(Money money) {
        int digits = fractionDigits(money.currency());
        return money.currency() + " " + BigDecimal.valueOf(money.amount(), digits).toPlainString();
    }

    /**
     * Splits {@code total} over {@code weights} in proportion (largest remainder first, ties to the earlier weight): the
     * shares add up to {@code total} exactly, and none exceeds its weight when {@code total} does not exceed their sum.
     */
    public static long[] distribute(long total, long[] weights) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative");
        }
        BigInteger sum = BigInteger.ZERO;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("weights must not be negative");
            }
            sum = sum.add(BigInteger.valueOf(w));
        }
        long[] shares = new long[weights.length];
        if (sum.signum() == 0) {
            if (total != 0) {
                throw new IllegalArgumentException("nothing to share " + total + " over");
            }
            return shares;
        }
        BigInteger[] remainders = new BigInteger[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] division = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(
                    sum);
            shares[i] = division[0].longValueExact();
            remainders[i] = division[1];
            given += shares[i];
        }
        for (long left = total - given; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                if (remainders[i].signum() > 0 && (best < 0 || remainders[i].compareTo(remainders[best]) > 0)) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = BigInteger.ZERO;
        }
        return shares;
    }

    private static int fractionDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
