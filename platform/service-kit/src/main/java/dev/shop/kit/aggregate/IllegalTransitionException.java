package dev.shop.kit.aggregate;

import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.problem.ProblemException;

/**
 * 409: a state machine was asked for a transition its current state does not allow (e.g. cancelling a shipped order).
 * Thrown by domain code; nothing is written.
 */
public class IllegalTransitionException extends ProblemException {

    public IllegalTransitionException(String aggregate, String id, Object from, Object to) {
        super(ProblemType.CONFLICT, "The " + aggregate + " " + id + " is " + from + "; it cannot become " + to);
    }
}
