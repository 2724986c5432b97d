package dev.shop.order.application;

import io.smallrye.mutiny.Uni;

/**
 * Delivers text messages to customers' phones: {@code console} (local mode: the log and a file that
 * {@code ./shop sms} shows) or {@code none} (nothing is sent; messages are recorded as skipped). Chosen by
 * {@code shop.order.notifications.provider}. A failure to deliver fails the Uni; the notifications consumer retries it.
 */
public interface SmsSender {

    String name();

    /** Whether messages actually leave the service ({@code none} does not send them). */
    default boolean delivers() {
        return true;
    }

    Uni<Void> send(SmsMessage message);

    /**
     * @param id stable per message (order and kind): a provider that deduplicates can use it as its idempotency key
     * @param to E.164 phone number
     * @param text the message
     */
    record SmsMessage(String id, String to, String text) {
    }
}
