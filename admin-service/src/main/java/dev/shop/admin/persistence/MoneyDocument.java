package dev.shop.admin.persistence;

import org.bson.Document;

import dev.shop.contracts.common.Money;

/** Money inside read-model documents: {@code {amount, currency}} in minor units. */
public class MoneyDocument {

    public long amount;
    public String currency;

    public Money toMoney() {
        return currency == null ? null : new Money(amount, currency);
    }

    static Document of(Money money) {
        return money == null ? null : new Document("amount", money.amount()).append("currency", money.currency());
    }
}
