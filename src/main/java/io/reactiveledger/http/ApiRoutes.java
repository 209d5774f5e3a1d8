package io.reactiveledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeoutResponse;

import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.consensus.ConsensusActor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The route tree: one class per resource group under {@code /v1}, plus health, readiness and metrics at
 * the root. Add a group by adding its route to {@link #v1Groups}. Every rejection and exception becomes
 * problem+json here.
 */
public final class ApiRoutes {
    private final NodeApi api;
    private final List<Route> v1Groups = new ArrayList<>();
    private final NodeRoutes node;

    public ApiRoutes(NodeApi api) {
        this.api = api;
        this.node = new NodeRoutes(api);
        v1Groups.add(new TransactionRoutes(api).route());
        v1Groups.add(new BlockRoutes(api).route());
        v1Groups.add(new StateRoutes(api).route());
        v1Groups.add(new EventRoutes(api).route());
        v1Groups.add(node.v1());
    }

    /** Adds a resource group under {@code /v1} (call before {@link #route()}). */
    public ApiRoutes withV1(Route group) {
        v1Groups.add(group);
        return this;
    }

    public Route route() {
        Route tree = concat(
                pathPrefix("v1", () -> concat(v1Groups.get(0), v1Groups.subList(1, v1Groups.size()).toArray(Route[]::new))),
                node.root(),
                path("metrics", () -> get(() -> completeWithFuture(metrics()))));
        return withRequestTimeoutResponse(req -> Responses.problem(new ApiProblem(Problem.of(503, "REQUEST_TIMEOUT",
                        "Service unavailable", "no answer within pekko.http.server.request-timeout"), 1)),
                () -> handleExceptions(exceptions(), () -> handleRejections(rejections(), () -> tree)));
    }

    private CompletableFuture<HttpResponse> metrics() {
        CompletableFuture<ConsensusActor.Status> c = api.<ConsensusActor.Command, ConsensusActor.Status>ask(
                api.consensus(), ConsensusActor.GetStatus::new).toCompletableFuture();
        CompletableFuture<MempoolActor.Status> m = api.<MempoolActor.Command, MempoolActor.Status>ask(
                api.mempool(), MempoolActor.GetStatus::new).toCompletableFuture();
        CompletableFuture<io.reactiveledger.llm.ModelActor.Status> model = api.modelStatus();
        return CompletableFuture.allOf(c, m, model).handle((v, failure) -> {
            if (failure == null) api.metrics().observeStatus(c.join(), m.join());
            if (model.isDone() && !model.isCompletedExceptionally()) api.metrics().observeModel(model.join());
            return HttpResponse.create().withEntity(ContentTypes.TEXT_PLAIN_UTF8, api.metrics().scrape());
        });
    }

    static ExceptionHandler exceptions() {
        return ExceptionHandler.newBuilder().matchAny(t -> complete(Responses.failure(t))).build();
    }

    /** Pekko's default rejection handling (404, 405 with Allow, 400 for malformed parameters...) as problem+json. */
    static RejectionHandler rejections() {
        return RejectionHandler.defaultHandler().mapRejectionResponse(ApiRoutes::asProblem);
    }

    static HttpResponse asProblem(HttpResponse r) {
        if (r.entity().getContentType().equals(Responses.PROBLEM_JSON)) return r;
        String detail = r.entity() instanceof HttpEntity.Strict s ? s.getData().utf8String() : r.status().reason();
        int status = r.status().intValue();
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 400 -> "BAD_REQUEST";
            default -> "HTTP_" + status;
        };
        HttpResponse p = Responses.problem(status, code, r.status().reason(), detail);
        return p.withHeaders(r.getHeaders()); // keeps Allow on 405
    }
}
