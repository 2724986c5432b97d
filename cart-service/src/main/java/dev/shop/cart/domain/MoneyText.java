package dev.shop.cart.domain;

import java.util.Currency;
import java.util.Locale;

import dev.shop.contracts.common.Money;

/**
 * Money as a customer reads it in a notice: {@code ₹1,299}, {@code ₹1,299.50}, {@code ₹1,29,900} (Indian digit
 * grouping for rupees), {@code USD 12.99} for a currency without a well-known symbol. Whole amounts drop the minor
 * units.
 */
public final class MoneyText {

    private static final Locale INDIA = Locale.forLanguageTag("en-IN");

    private MoneyText() {
    }

    public static String format(Money money) {
        Currency currency = currencyOf(money.currency());
        int digits = currency == null ? 2 : Math.max(0, currency.getDefaultFractionDigits());
        long scale = pow10(digits);
        long amount = money.amount();
        String sign = amount < 0 ? "-" : "";
        long absolute = Math.abs(amount);
        long major = absolute / scale;
        long minor = absolute % scale;
        boolean rupees = "INR".equals(money.currency());
        String text = group(major, rupees);
        if (minor != 0) {
            text += "." + String.format(Locale.ROOT, "%0" + digits + "d", minor);
        }
        return sign + symbol(money.currency(), currency) + text;
    }

    private static String symbol(String code, Currency currency) {
        if (currency != null) {
            String symbol = currency.getSymbol(INDIA);
            if (!symbol.equals(code)) {
                return symbol;
            }
        }
        return code + " ";
    }

    /** Thousands, then (for rupees) lakhs and crores in groups of two: 12,34,567. */
    private static String group(long major, boolean indian) {
        String digits = Long.toString(major);
        if (digits.length() <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.substring(digits.length() - 3));
        String rest = digits.substring(0, digits.length() - 3);
        int size = indian ? 2 : 3;
        while (!rest.isEmpty()) {
            int cut = Math.max(0, rest.length() - size);
            out.insert(0, rest.substring(cut) + ",");
            rest = rest.substring(0, cut);
        }
        return out.toString();
    }

    private static Currency currencyOf(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static long pow10(int digits) {
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        return scale;
    }
}
