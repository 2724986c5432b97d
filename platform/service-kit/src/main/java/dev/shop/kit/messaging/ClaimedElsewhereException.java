package dev.shop.kit.messaging;

/**
 * Another delivery of the same event is applying it right now. Retried like any transient failure: once the other
 * delivery is done the event is a duplicate; if it crashed, its claim expires and this delivery takes over.
 */
public class ClaimedElsewhereException extends RuntimeException {

    public ClaimedElsewhereException(String consumer, String eventId) {
        super(consumer + " is already applying event " + eventId + " in another delivery");
    }
}
