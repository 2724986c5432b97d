package dev.shop.order.application;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.problem.ProblemException;
import dev.shop.order.client.AddressBook;
import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.CheckoutPricing;
import dev.shop.order.domain.CheckoutRefused;
import dev.shop.order.domain.Coupon;
import dev.shop.order.domain.CouponRefused;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.OrderLine;
import dev.shop.order.domain.OrderNumbers;
import dev.shop.order.domain.PaymentMethod;
import dev.shop.order.domain.Placement;
import dev.shop.order.domain.ShippingAddress;
import dev.shop.order.domain.ShippingPolicy;
import dev.shop.order.persistence.OrderDocument;
import dev.shop.order.persistence.OrderIndexes;
import dev.shop.order.persistence.OrderMapper;
import dev.shop.order.persistence.OrderRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Placing an order: the customer's cart, priced by the catalogue, shipped to an address of theirs, written
 * {@code PENDING} together with its {@code OrderPlaced} event in one document insert. The catalogue's stock reservation
 * takes it from there (see {@link OrderCommands}).
 * <p>
 * <b>Idempotency.</b> The order document itself claims the customer's Idempotency-Key (unique index on
 * {@code userId, idempotencyKey}), so the key and the order exist together or not at all. A request whose key is
 * already claimed gets the original answer when its body is the same and a 422 when it is not; checked before any
 * work, and again when the insert loses the race to a concurrent duplicate. A refused request (4xx, 503) claims
 * nothing: the same key can be sent again once the cause is fixed.
 */
@ApplicationScoped
public class OrderCheckout {

    /** Draws of a new order number when the unique index says it is taken. */
    static final int NUMBER_ATTEMPTS = 5;

    /** The order, and whether it was placed earlier by a request with the same key. */
    public record PlacedOrder(Order order, boolean replayed) {
    }

    private final AggregateStore<Order, OrderDocument> orders;
    private final OrderRepository repository;
    private final OrderIndexes indexes;
    private final CartPricing pricing;
    private final AddressBook addresses;
    private final CouponPolicy coupons;
    private final PaymentProviders payments;
    private final OrderConfig config;
    private final ShippingPolicy shipping;
    private final RandomGenerator random = new SecureRandom();
    private final OrderMapper mapper = new OrderMapper();

    public OrderCheckout(OrderRepository repository, AggregateStores stores, OrderIndexes indexes,
            CartPricing pricing, AddressBook addresses, CouponPolicy coupons, PaymentProviders payments,
            OrderConfig config) {
        this.orders = stores.of(repository, mapper);
        this.repository = repository;
        this.indexes = indexes;
        this.pricing = pricing;
        this.addresses = addresses;
        this.payments = payments;
        this.coupons = coupons;
        this.config = config;
        this.shipping = new ShippingPolicy(config.shipping().fee(), config.shipping().freeFrom());
    }

    /**
     * @param userId the caller (token subject)
     * @param token the caller's access token, forwarded to cart, catalog and auth
     */
    public Uni<PlacedOrder> place(String userId, String token, PlaceOrder command) {
        String fingerprint = command.fingerprint();
        PaymentMethod method = PaymentMethod.parse(command.paymentMethod())
                .orElseThrow(() -> ProblemException.invalid("paymentMethod", "must be COD or CARD"));
        Optional<ShippingAddress> inline = inlineAddress(command);
        return indexes.ready()
                .flatMap(ready -> existing(userId, command.idempotencyKey(), fingerprint))
                .flatMap(replay -> replay.isPresent() ? Uni.createFrom().item(replay.get())
                        : checkout(userId, token, command, fingerprint, method, inline));
    }

    private Uni<PlacedOrder> checkout(String userId, String token, PlaceOrder command, String fingerprint,
            PaymentMethod method, Optional<ShippingAddress> inline) {
        if (method == PaymentMethod.CARD) {
            payments.requireCard();
        }
        Uni<ShippingAddress> address = inline.map(a -> Uni.createFrom().item(a))
                .orElseGet(() -> addresses.find(token, command.addressId())
                        .map(found -> found.orElseThrow(() -> ProblemException
                                .notFound("No address " + command.addressId() + " in your address book"))));
        String id = new ObjectId().toHexString();
        return Uni.combine().all().unis(pricing.price(userId, token), address).asTuple()
                .flatMap(pricedAndAddress -> {
                    CheckoutPricing.Priced priced = pricedAndAddress.getItem1();
                    return coupons.redeem(userId, id, command.couponCode(), priced.lines())
                            .onFailure(CouponRefused.class).recoverWithUni(refused -> existing(userId,
                                    command.idempotencyKey(), fingerprint).flatMap(
                                            replay -> replay.isPresent()
                                                    // the last use went to a concurrent duplicate of this very request
                                                    ? Uni.createFrom().<List<OrderLine>> failure(new Replay(replay.get()))
                                                    : Uni.createFrom().failure(refused)))
                            .flatMap(lines -> {
                                Instant now = Instant.now();
                                Placement placement = new Placement(command.idempotencyKey(), fingerprint,
                                        normalisedCoupon(command.couponCode()), priced.priceChanges(),
                                        priced.cartAsOf());
                                Function<String, Order> withNumber = number -> Order.place(id, number, userId, lines,
                                        shipping.charge(merchandise(lines)), pricedAndAddress.getItem2(), method,
                                        blankToNull(command.note()), placement, now);
                                return store(userId, command.idempotencyKey(), fingerprint, withNumber, now,
                                        NUMBER_ATTEMPTS)
                                        .onItemOrFailure().transformToUni((placed, failure) -> {
                                            if (failure == null && !placed.replayed()) {
                                                return Uni.createFrom().item(placed);
                                            }
                                            // This order was not stored (failed, or a concurrent duplicate won):
                                            // give its coupon use back before answering.
                                            Uni<Void> released = coupons.release(id).onFailure().recoverWithItem(
                                                    error -> {
                                                        Log.warnf("Coupon use of unstored order %s not given back "
                                                                + "yet (the sweep will): %s", id, error.getMessage());
                                                        return null;
                                                    });
                                            return failure == null ? released.replaceWith(placed)
                                                    : released.flatMap(ignored -> Uni.createFrom().failure(failure));
                                        });
                            });
                })
                .onFailure(Replay.class).recoverWithItem(replay -> ((Replay) replay).placed);
    }

    /** Carries the original answer out of a checkout that found its request placed meanwhile. */
    private static final class Replay extends RuntimeException {
        private final PlacedOrder placed;

        Replay(PlacedOrder placed) {
            super(null, null, false, false);
            this.placed = placed;
        }
    }

    private Uni<PlacedOrder> store(String userId, String key, String fingerprint, Function<String, Order> withNumber,
            Instant now, int attemptsLeft) {
        Order order = withNumber.apply(OrderNumbers.next(now, random));
        return orders.insert(order, List.of(order.placed()))
                .invoke(stored -> Log.infof("Order %s (%s) placed by %s: %d lines, total %d %s", stored.number(),
                        stored.id(), userId, stored.lines().size(), stored.totals().total().amount(),
                        stored.totals().total().currency()))
                .map(stored -> new PlacedOrder(stored, false))
                .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(duplicate -> existing(userId, key, fingerprint)
                        .flatMap(replay -> {
                            if (replay.isPresent()) {
                                // A concurrent request with the same key won the race: answer as it did.
                                return Uni.createFrom().item(replay.get());
                            }
                            if (attemptsLeft > 1) {
                                Log.infof("Order number %s is taken; drawing another", order.number());
                                return store(userId, key, fingerprint, withNumber, now, attemptsLeft - 1);
                            }
                            return Uni.createFrom().failure(duplicate);
                        }));
    }

    /** The order already placed with this key, if any; a different body under the same key is refused. */
    private Uni<Optional<PlacedOrder>> existing(String userId, String key, String fingerprint) {
        return repository.findByIdempotencyKey(userId, key).map(found -> found.map(document -> {
            if (!fingerprint.equals(document.requestFingerprint)) {
                throw CheckoutRefused.keyReused();
            }
            return new PlacedOrder(mapper.toDomain(document), true);
        }));
    }

    private Optional<ShippingAddress> inlineAddress(PlaceOrder command) {
        boolean byId = command.addressId() != null && !command.addressId().isBlank();
        boolean inline = command.shippingAddress() != null;
        if (byId == inline) {
            throw ProblemException.invalid(List.of(new Problem.Violation("addressId",
                    byId ? "give either addressId or shippingAddress, not both"
                            : "give addressId (from your address book) or shippingAddress")));
        }
        return inline ? Optional.of(command.shippingAddress().validated("shippingAddress", config.defaultRegion()))
                : Optional.empty();
    }

    private static Money merchandise(List<OrderLine> lines) {
        Money zero = new Money(0, lines.get(0).unitPrice().currency());
        return lines.stream().map(l -> l.lineTotal().minus(l.discount())).reduce(zero, Money::plus);
    }

    private static String normalisedCoupon(String code) {
        return code == null || code.isBlank() ? null : Coupon.tryNormaliseCode(code).orElse(code.strip());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
