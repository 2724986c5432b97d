package dev.shop.order.client;

/**
 * Another service answered a call with a 4xx: the request was refused, not lost. Never retried, and not counted against
 * the service's circuit breaker (it is up).
 */
public class DependencyRefused extends RuntimeException {

    private final String service;
    private final int status;

    public DependencyRefused(String service, int status) {
        super(service + " refused the call with status " + status, null, false, false);
        this.service = service;
        this.status = status;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }
}
