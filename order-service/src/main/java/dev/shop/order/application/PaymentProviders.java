package dev.shop.order.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.shop.kit.problem.ProblemException;
import dev.shop.order.domain.PaymentMethod;

/** The configured payment providers: cash on delivery always, and the card provider if one is configured. */
public final class PaymentProviders {

    private final Map<String, PaymentProvider> byName = new LinkedHashMap<>();
    private final Optional<PaymentProvider> card;

    public PaymentProviders(List<PaymentProvider> providers) {
        for (PaymentProvider p : providers) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalStateException("two payment providers are named " + p.name());
            }
        }
        this.card = providers.stream().filter(p -> p.method() == PaymentMethod.CARD).findFirst();
    }

    /** @throws ProblemException 404 for a provider that is not configured */
    public PaymentProvider named(String name) {
        PaymentProvider provider = name == null ? null : byName.get(name);
        if (provider == null) {
            throw ProblemException.notFound("No payment provider " + (name == null ? ""
                    : name.replaceAll(
                            "[^A-Za-z0-9_-]", "?")));
        }
        return provider;
    }

    /** The card provider, if card payments are configured. */
    public Optional<PaymentProvider> card() {
        return card;
    }

    /** @throws ProblemException 422 when the shop takes no card payments */
    public PaymentProvider requireCard() {
        return card.orElseThrow(() -> ProblemException.businessRule(
                "Card payments are not available; choose cash on delivery"));
    }
}
