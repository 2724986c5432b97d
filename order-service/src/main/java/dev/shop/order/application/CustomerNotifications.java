package dev.shop.order.application;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderDelivered;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.contracts.orders.OrderShipped;
import dev.shop.order.config.OrderConfig;
import dev.shop.order.domain.CustomerMessages;
import dev.shop.order.domain.Order;
import dev.shop.order.persistence.NotificationLog;
import dev.shop.order.persistence.OrderMapper;
import dev.shop.order.persistence.OrderRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Tells the customer by SMS when their order is confirmed, paid, shipped (carrier and tracking number), delivered,
 * rejected or cancelled, at the order's contact phone (the shipping address's, normalised to E.164 at checkout). Driven
 * by the order events in a consumer of its own, so a slow or failing SMS provider never holds up an order. Each message
 * is claimed in {@code notifications} under its order and kind before it is sent: however often an event is delivered,
 * and under whichever event id, the customer gets one message per status change. Events older than
 * {@code shop.order.notifications.max-age} send nothing, so a new consumer group or a replay of the topic does not tell
 * customers about the past.
 */
@ApplicationScoped
public class CustomerNotifications {

    private final OrderRepository orders;
    private final NotificationLog log;
    private final SmsSender sender;
    private final OrderConfig.Notifications config;
    private final OrderMapper mapper = new OrderMapper();

    public CustomerNotifications(OrderRepository orders, NotificationLog log, SmsSender sender, OrderConfig config) {
        this.orders = orders;
        this.log = log;
        this.sender = sender;
        this.config = config.notifications();
    }

    /** Sends the message {@code event} calls for, unless it was sent already. */
    public Uni<Void> onOrderEvent(EventEnvelope event) {
        Optional<Object> payload = payload(event);
        if (payload.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (event.occurredAt() != null && event.occurredAt().isBefore(Instant.now().minus(config.maxAge()))) {
            Log.debugf("%s %s is older than %s: no message", event.type(), event.eventId(), config.maxAge());
            return Uni.createFrom().voidItem();
        }
        Optional<ObjectId> id = OrderIds.tryParse(event.aggregateId());
        if (id.isEmpty()) {
            Log.warnf("Order event %s names no order of this service (%s): no message", event.eventId(),
                    event.aggregateId());
            return Uni.createFrom().voidItem();
        }
        return orders.findById(id.get()).flatMap(document -> {
            if (document == null) {
                Log.warnf("Order event %s is about unknown order %s: no message", event.eventId(), event.aggregateId());
                return Uni.createFrom().voidItem();
            }
            Order order = mapper.toDomain(document);
            Optional<CustomerMessages.Message> message = CustomerMessages.of(order, payload.get(), config.brand());
            String to = order.shippingAddress() == null ? null : order.shippingAddress().phoneNumber();
            if (message.isEmpty() || to == null || to.isBlank()) {
                return Uni.createFrom().voidItem();
            }
            return send(order, message.get(), to);
        });
    }

    private Uni<Void> send(Order order, CustomerMessages.Message message, String to) {
        String messageId = order.id() + ":" + message.kind().name();
        return log.claim(messageId, order.id(), message.kind().name(), to, message.text(), Instant.now())
                .flatMap(due -> {
                    if (!due) {
                        Log.debugf("Message %s was sent already", messageId);
                        return Uni.createFrom().voidItem();
                    }
                    if (!sender.delivers()) {
                        return log.done(messageId, "SKIPPED", sender.name(), Instant.now());
                    }
                    return sender.send(new SmsSender.SmsMessage(messageId, to, message.text()))
                            .ifNoItem().after(config.timeout()).fail()
                            .onFailure().call(failure -> log.attempted(messageId, String.valueOf(failure.getMessage()))
                                    .onFailure().recoverWithNull())
                            .flatMap(sent -> log.done(messageId, "SENT", sender.name(), Instant.now()));
                });
    }

    private static Optional<Object> payload(EventEnvelope event) {
        return Optional.ofNullable(switch (event.type()) {
            case OrderConfirmed.TYPE -> EventJson.dataAs(event, OrderConfirmed.class);
            case OrderPaid.TYPE -> EventJson.dataAs(event, OrderPaid.class);
            case OrderShipped.TYPE -> EventJson.dataAs(event, OrderShipped.class);
            case OrderDelivered.TYPE -> EventJson.dataAs(event, OrderDelivered.class);
            case OrderRejected.TYPE -> EventJson.dataAs(event, OrderRejected.class);
            case OrderCancelled.TYPE -> EventJson.dataAs(event, OrderCancelled.class);
            default -> null;
        });
    }
}
