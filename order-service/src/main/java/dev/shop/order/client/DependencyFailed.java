package dev.shop.order.client;

/** Another service answered a call with a 5xx. Retried (the calls are reads) and counted by its circuit breaker. */
public class DependencyFailed extends RuntimeException {

    public DependencyFailed(String service, int status) {
        super(service + " failed the call with status " + status, null, false, false);
    }
}
