package dev.shop.order.client;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.ShippingAddress;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * The customer's address book at auth-service, read with the customer's token, so only their own addresses can be
 * found.
 */
@ApplicationScoped
public class AddressBook {

    /** auth-service keeps at most 20 addresses per customer; one page of this size holds them all. */
    static final int PAGE_SIZE = 100;

    private final AddressBookApi api;
    private final OrderConfig.Dependency settings;
    private final TypedGuard<Uni<AddressBookApi.AddressPage>> guard;

    public AddressBook(@RestClient AddressBookApi api, OrderConfig config) {
        this.api = api;
        this.settings = config.dependencies().auth();
        this.guard = Guards.of(AddressBookApi.SERVICE, settings, new TypeLiteral<>() {
        });
    }

    /**
     * The caller's address with that id, if they have one.
     *
     * @throws dev.shop.kit.problem.ProblemException 503 when auth-service cannot answer
     */
    public Uni<Optional<ShippingAddress>> find(String token, String addressId) {
        return guard.get(() -> api.addresses("Bearer " + token, 0, PAGE_SIZE))
                .onFailure().transform(failure -> Guards.problem(AddressBookApi.SERVICE, settings, failure))
                .map(page -> page == null || page.items() == null ? Optional.<ShippingAddress> empty()
                        : page.items().stream().filter(a -> addressId.equals(a.id())).findFirst()
                                .map(a -> new ShippingAddress(a.fullName(), a.phoneNumber(), a.line1(), a.line2(),
                                        a.landmark(), a.city(), a.state(), a.postalCode(), a.country())));
    }
}
