package dev.shop.kit.aggregate;

import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.problem.ProblemException;

/**
 * 409: the aggregate is no longer at the version the caller saw (a client sent an old {@code version}), or it kept
 * changing under a command until the store gave up retrying. The client re-reads and decides again.
 */
public class StaleVersionException extends ProblemException {

    public StaleVersionException(String detail) {
        super(ProblemType.STALE_VERSION, detail);
    }
}
