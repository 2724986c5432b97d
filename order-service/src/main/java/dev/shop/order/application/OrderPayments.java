package dev.shop.order.application;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.problem.ProblemException;
import dev.shop.order.application.PaymentProvider.PaymentNotice;
import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.OrderState;
import dev.shop.order.domain.PaymentSession;
import dev.shop.order.persistence.OrderDocument;
import dev.shop.order.persistence.OrderMapper;
import dev.shop.order.persistence.OrderRepository;
import dev.shop.order.persistence.PaymentWebhookInbox;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Card payments of orders: opening the provider's session for the order's total, the provider's webhooks, and the
 * customer's return from the provider's checkout.
 * <p>
 * The webhook and the return are two reports of the same payment and may arrive in either order or at the same moment;
 * so may several deliveries of one webhook. Each report runs {@link Order#paymentSucceeded} through the aggregate store:
 * one conditional write on the order's version, so concurrent reports are serialised, and the order records a payment
 * once per provider reference, so the second report finds it recorded and changes nothing. A webhook delivery is first
 * recorded in the inbox (unique provider and event id); a delivery of an event already processed does nothing at all.
 */
@ApplicationScoped
public class OrderPayments {

    private final AggregateStore<Order, OrderDocument> orders;
    private final OrderRepository repository;
    private final PaymentProviders providers;
    private final PaymentWebhookInbox inbox;
    private final PaymentRefunds refunds;
    private final OrderConfig.Payments config;

    public OrderPayments(OrderRepository repository, AggregateStores stores, PaymentProviders providers,
            PaymentWebhookInbox inbox, PaymentRefunds refunds, OrderConfig config) {
        this.orders = stores.of(repository, new OrderMapper());
        this.repository = repository;
        this.providers = providers;
        this.inbox = inbox;
        this.refunds = refunds;
        this.config = config.payments();
    }

    /**
     * The payment session of the owner's card order, opened at the provider unless one is open already (the same session
     * for every call while it is open). The amount is the order's total.
     *
     * @throws ProblemException 404 (no such order of the caller's), 422 (cash order, no card provider), 409 (the order
     *         does not wait for a payment), 503 (the provider does not answer)
     */
    public Uni<PaymentSession> openSession(String orderId, String userId) {
        ObjectId id = OrderIds.parse(orderId);
        return orders.load(id).flatMap(order -> {
            if (!order.isOwnedBy(userId)) {
                throw OrderIds.notFound(orderId);
            }
            Instant now = Instant.now();
            order.requirePayable(now);
            Optional<PaymentSession> open = order.payment().openSession(now);
            if (open.isPresent()) {
                return Uni.createFrom().item(open.get());
            }
            PaymentProvider provider = providers.requireCard();
            Instant expiresAt = order.payment().dueBy() != null ? order.payment().dueBy() : now.plus(config.window());
            return provider.openSession(new PaymentProvider.SessionRequest(order.id(), order.number(),
                    order.totals().total(), expiresAt))
                    .ifNoItem().after(config.timeout()).fail()
                    .onFailure(f -> !(f instanceof ProblemException)).transform(f -> {
                        Log.warnf("%s could not open a session for order %s: %s", provider.name(), order.number(),
                                f.getMessage());
                        return ProblemException.unavailable("The payment provider is not available; try again");
                    })
                    .flatMap(session -> orders.modify(id, o -> o.openPaymentSession(session, Instant.now())))
                    .map(stored -> stored.payment().openSession(Instant.now()).orElseThrow(
                            () -> ProblemException.conflict("The payment session expired; open a new one")));
        });
    }

    /**
     * The customer is back from the provider's checkout with the provider's proof of payment: the order is paid (once,
     * whether the webhook came first, comes later or at the same moment).
     *
     * @throws ProblemException 404, 409 (no session was opened), 422 (the proof is not the provider's)
     */
    public Uni<Order> confirmReturn(String orderId, String userId, String paymentId, String signature) {
        ObjectId id = OrderIds.parse(orderId);
        return orders.load(id).flatMap(order -> {
            if (!order.isOwnedBy(userId)) {
                throw OrderIds.notFound(orderId);
            }
            PaymentSession session = order.payment().session();
            if (session == null) {
                throw ProblemException.conflict("No payment was started for order " + order.number());
            }
            PaymentProvider provider = providers.named(session.provider());
            PaymentNotice notice = provider.verifyReturn(session, paymentId, signature, Instant.now());
            return apply(provider, id, notice);
        });
    }

    /**
     * A webhook delivery from {@code providerName}: verified, recorded in the inbox, applied once.
     *
     * @param headers request headers, names in lower case
     * @throws ProblemException 404 (no such provider), 401 (unsigned, tampered with or stale), 400 (unreadable)
     */
    public Uni<Void> webhook(String providerName, Map<String, String> headers, byte[] body) {
        PaymentProvider provider = providers.named(providerName);
        Instant now = Instant.now();
        PaymentNotice notice = provider.verifyWebhook(headers, body, now);
        return inbox.receive(provider.name(), notice.eventId(), notice.type(), notice.orderId(), now)
                .flatMap(seen -> {
                    if (seen == PaymentWebhookInbox.Seen.PROCESSED) {
                        Log.debugf("%s webhook %s delivered again: already processed", provider.name(),
                                notice.eventId());
                        return Uni.createFrom().voidItem();
                    }
                    return outcome(provider, notice)
                            .flatMap(outcome -> inbox.processed(provider.name(), notice.eventId(), outcome,
                                    Instant.now()));
                });
    }

    private Uni<String> outcome(PaymentProvider provider, PaymentNotice notice) {
        if (notice.kind() == PaymentNotice.Kind.OTHER) {
            return Uni.createFrom().item("IGNORED");
        }
        return target(provider, notice).flatMap(id -> {
            if (id.isEmpty()) {
                Log.errorf("%s webhook %s (%s) names no order of this service (order %s, session %s): reconcile it "
                        + "from %s", provider.name(), notice.eventId(), notice.type(), notice.orderId(),
                        notice.sessionId(), PaymentWebhookInbox.COLLECTION);
                return Uni.createFrom().item("UNKNOWN_ORDER");
            }
            return apply(provider, id.get(), notice)
                    .map(order -> order.status().name() + "/" + order.payment().status().name())
                    .onFailure(OrderIds::isNotFound).recoverWithItem(() -> {
                        Log.errorf("%s webhook %s (%s) is about unknown order %s: reconcile it from %s",
                                provider.name(), notice.eventId(), notice.type(), id.get(),
                                PaymentWebhookInbox.COLLECTION);
                        return "UNKNOWN_ORDER";
                    });
        });
    }

    /**
     * The order a payment is for. When the notice names the session it was paid through, the order holding that session
     * decides: the session is the provider's own link, while the order id may come from metadata the customer's client
     * set (a Razorpay payment's notes), and trusting it would let one payment pay an order it was not made for. A
     * session no order holds is nobody's.
     */
    private Uni<Optional<ObjectId>> target(PaymentProvider provider, PaymentNotice notice) {
        Optional<ObjectId> named = OrderIds.tryParse(notice.orderId());
        if (notice.sessionId() == null) {
            return Uni.createFrom().item(named);
        }
        return repository.idBySession(provider.name(), notice.sessionId()).invoke(bySession -> {
            if (bySession.isPresent() && named.isPresent() && !bySession.equals(named)) {
                Log.warnf("%s webhook %s names order %s but was paid through the session of order %s: applied to "
                        + "the session's order", provider.name(), notice.eventId(), notice.orderId(),
                        bySession.get());
            }
        });
    }

    private Uni<Order> apply(PaymentProvider provider, ObjectId id, PaymentNotice notice) {
        Uni<Order> stored = orders.modify(id, order -> {
            Instant now = Instant.now();
            return notice.kind() == PaymentNotice.Kind.SUCCEEDED
                    ? order.paymentSucceeded(provider.name(), notice.reference(), notice.sessionId(), notice.amount(),
                            now)
                    : order.paymentFailed(provider.name(), notice.reference(), notice.sessionId(), notice.amount(),
                            notice.reason(), now);
        });
        return stored.invoke(order -> {
            if (notice.kind() == PaymentNotice.Kind.SUCCEEDED && order.status() == OrderState.PAID
                    && notice.reference().equals(order.payment().reference())) {
                Log.infof("Order %s paid through %s (%s)", order.number(), provider.name(), notice.reference());
            }
        }).flatMap(refunds::settle);
    }
}
