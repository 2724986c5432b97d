package dev.shop.admin.application;

import java.util.List;

import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.problem.ProblemException;

/** 503: the service that owns the target could not carry out the command; the admin may retry later. */
public class DownstreamProblem extends ProblemException {

    public DownstreamProblem(String detail, Long retryAfterSeconds) {
        super(ProblemType.SERVICE_UNAVAILABLE.status(), ProblemType.SERVICE_UNAVAILABLE.uri(),
                ProblemType.SERVICE_UNAVAILABLE.title(), detail, List.of(), retryAfterSeconds);
    }
}
