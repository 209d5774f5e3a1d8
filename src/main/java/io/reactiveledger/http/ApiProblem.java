package io.reactiveledger.http;

/** Thrown (or failed with) anywhere in a route to answer with {@link Problem}; carries no stack trace. */
public final class ApiProblem extends RuntimeException {
    private final Problem problem;
    private final long retryAfterSeconds;

    public ApiProblem(Problem problem) {
        this(problem, -1);
    }

    public ApiProblem(Problem problem, long retryAfterSeconds) {
        super(problem.code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds for a {@code Retry-After} header, or -1 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(Problem.of(400, code, "Bad request", detail));
    }

    public static ApiProblem notFound(String code, String detail) {
        return new ApiProblem(Problem.of(404, code, "Not found", detail));
    }
}
