package dev.shop.order.client;

import java.util.List;

import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.problem.ProblemException;

/** 503 with {@code Retry-After}: a service checkout needs did not answer, so nothing was ordered. */
public class DependencyDown extends ProblemException {

    public DependencyDown(String detail, long retryAfterSeconds) {
        super(ProblemType.SERVICE_UNAVAILABLE.status(), ProblemType.SERVICE_UNAVAILABLE.uri(),
                ProblemType.SERVICE_UNAVAILABLE.title(), detail, List.of(), retryAfterSeconds);
    }
}
