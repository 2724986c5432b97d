package dev.shop.order.persistence;

import dev.shop.contracts.common.Money;

/** {@code {amount, currency}} inside stored documents. */
public class MoneyDocument {
    public long amount;
    public String currency;

    public MoneyDocument() {
    }

    public MoneyDocument(long amount, String currency) {
        this.amount = amount;
        this.currency = currency;
    }

    public static MoneyDocument of(Money money) {
        return money == null ? null : new MoneyDocument(money.amount(), money.currency());
    }

    public Money toMoney() {
        return new Money(amount, currency);
    }

    public static Money toMoney(MoneyDocument document) {
        return document == null ? null : document.toMoney();
    }
}
