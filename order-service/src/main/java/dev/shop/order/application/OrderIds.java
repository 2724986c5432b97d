package dev.shop.order.application;

import java.util.Optional;

import org.bson.types.ObjectId;

import dev.shop.kit.problem.ProblemException;

/** Order ids as clients send them: a malformed id names no order (404, never 400 or 500). */
final class OrderIds {

    private OrderIds() {
    }

    static ObjectId parse(String orderId) {
        return tryParse(orderId).orElseThrow(() -> notFound(orderId));
    }

    static Optional<ObjectId> tryParse(String orderId) {
        return orderId != null && ObjectId.isValid(orderId) && orderId.length() == 24
                ? Optional.of(new ObjectId(orderId))
                : Optional.empty();
    }

    static ProblemException notFound(String orderId) {
        return ProblemException.notFound("No order " + printable(orderId));
    }

    static boolean isNotFound(Throwable failure) {
        return failure instanceof ProblemException problem && problem.status() == 404;
    }

    private static String printable(String orderId) {
        if (orderId == null) {
            return "";
        }
        String shown = orderId.length() > 40 ? orderId.substring(0, 40) + "…" : orderId;
        return shown.replaceAll("[^A-Za-z0-9_-]", "?");
    }
}
