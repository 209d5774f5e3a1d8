package io.reactiveledger.http;

import static io.reactiveledger.http.TransactionRoutes.guard;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reactiveledger.consensus.messages.ConsensusCodec;
import io.reactiveledger.consensus.messages.Evidence;
import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.consensus.ConsensusActor;
import io.reactiveledger.node.query.ChainIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Route;

/** The node itself: status, validators, evidence, health, readiness and the OpenAPI document. */
public final class NodeRoutes {
    public record ConsensusJson(long height, int round, String step) {
    }

    public record MempoolJson(int count, long bytes) {
    }

    public record StatusJson(String node, String chainId, long latestHeight, String latestHash, String stateRoot,
                             long latestTimeMs, ConsensusJson consensus, int peers, MempoolJson mempool, boolean syncing,
                             boolean validator, long indexedHeight, ModelJson model) {
    }

    /**
     * The model actor: {@code degraded} = disabled, loading or failed ({@code detail} says why). Disabled or failed:
     * every request is refused; loading: consensus requests are refused, user requests wait for the model.
     */
    public record ModelJson(boolean enabled, boolean loaded, boolean degraded, String detail, int queueDepth,
                            long served, long timedOut, long overloaded, long failed, double latencyP50Ms,
                            double latencyP99Ms) {
        static ModelJson of(io.reactiveledger.llm.ModelActor.Status m) {
            return new ModelJson(m.enabled(), m.loaded(), m.degraded(), m.detail(), m.queueDepth(), m.served(),
                    m.timedOut(), m.overloaded(), m.failed(), m.p50Micros() / 1000.0, m.p99Micros() / 1000.0);
        }
    }

    public record ValidatorJson(String address, String publicKey, long votingPower, String name, Long lastSignedHeight) {
    }

    public record ValidatorsJson(List<ValidatorJson> validators) {
    }

    /** {@code kind}: duplicate-vote or conflicting-proposals; {@code encoded}: the evidence in ConsensusCodec bytes. */
    public record EvidenceJson(String kind, String validator, long height, int round, String encoded) {
    }

    public record EvidenceListJson(List<EvidenceJson> evidence) {
    }

    public record HealthJson(String status) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReadyJson(boolean ready, String reason, String warning) {
    }

    private static final ContentType YAML = MediaTypes.applicationWithFixedCharset("yaml", HttpCharsets.UTF_8).toContentType();

    private final NodeApi api;
    private final byte[] openapi;

    public NodeRoutes(NodeApi api) {
        this.api = api;
        this.openapi = loadOpenApi();
    }

    static byte[] loadOpenApi() {
        try (InputStream in = NodeRoutes.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml is missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Routes under {@code /v1}. */
    public Route v1() {
        return concat(
                path("status", () -> get(() -> completeWithFuture(guard(this::status)))),
                path("validators", () -> get(() -> completeWithFuture(guard(this::validators)))),
                path("evidence", () -> get(() -> completeWithFuture(guard(this::evidence)))),
                path("openapi.yaml", () -> get(() -> complete(HttpResponse.create().withEntity(YAML, openapi)))));
    }

    /** Routes at the root. */
    public Route root() {
        return concat(
                path("health", () -> get(() -> complete(Responses.json(200, new HealthJson("UP"))))),
                path("ready", () -> get(() -> completeWithFuture(guard(this::ready)))));
    }

    private record Snapshot(ChainHead head, ConsensusActor.Status consensus, MempoolActor.Status mempool,
                            ChainIndex.Info index, io.reactiveledger.llm.ModelActor.Status model) {
    }

    private CompletionStage<Snapshot> snapshot() {
        CompletableFuture<ChainHead> head = api.<ChainStore.Command, ChainHead>ask(api.chainStore(), ChainStore.GetHead::new).toCompletableFuture();
        CompletableFuture<ConsensusActor.Status> cons = api.<ConsensusActor.Command, ConsensusActor.Status>ask(api.consensus(), ConsensusActor.GetStatus::new).toCompletableFuture();
        CompletableFuture<MempoolActor.Status> pool = api.<MempoolActor.Command, MempoolActor.Status>ask(api.mempool(), MempoolActor.GetStatus::new).toCompletableFuture();
        CompletableFuture<ChainIndex.Info> index = api.<ChainIndex.Command, ChainIndex.Info>ask(api.index(), ChainIndex.GetInfo::new).toCompletableFuture();
        CompletableFuture<io.reactiveledger.llm.ModelActor.Status> model = api.modelStatus();
        return CompletableFuture.allOf(head, cons, pool, index, model)
                .thenApply(v -> new Snapshot(head.join(), cons.join(), pool.join(), index.join(), model.join()));
    }

    /** Behind: the read model has not caught up with the chain store, or the latest block is older than allowed. */
    private boolean syncing(Snapshot s) {
        boolean stale = System.currentTimeMillis() - s.head().timeMs() > api.settings().readyMaxBlockAge().toMillis();
        return indexBehind(s.index(), s.head().height(), api.settings().readyMaxIndexLag()) || stale;
    }

    /**
     * The read model is behind when its start-up paging is not finished or it trails the chain store's head
     * by more than {@code maxLag} blocks. The index learns of each block a moment after the store made it
     * durable (the consensus actor's notification), so requiring equality would report every node as not
     * ready for an instant after every commit.
     */
    static boolean indexBehind(ChainIndex.Info index, long headHeight, int maxLag) {
        return !index.caughtUp() || headHeight - index.indexedHeight() > maxLag;
    }

    private CompletionStage<HttpResponse> status() {
        return snapshot().thenApply(s -> {
            api.metrics().observeStatus(s.consensus(), s.mempool());
            api.metrics().observeModel(s.model());
            return Responses.json(200, new StatusJson(api.nodeName(), api.genesis().chainId(), s.head().height(),
                    s.head().hash().hex(), s.head().state().root().hex(), s.head().timeMs(),
                    new ConsensusJson(s.consensus().height(), s.consensus().round(), s.consensus().step()),
                    s.consensus().peers(), new MempoolJson(s.mempool().count(), s.mempool().bytes()), syncing(s),
                    api.validator(), s.index().indexedHeight(), ModelJson.of(s.model())));
        });
    }

    private CompletionStage<HttpResponse> ready() {
        return snapshot().thenApply(s -> {
            String reason = null;
            if (indexBehind(s.index(), s.head().height(), api.settings().readyMaxIndexLag())) {
                reason = "indexing the chain (" + s.index().indexedHeight() + " of " + s.head().height() + ")";
            } else if (api.genesis().validators().size() > 1 && s.consensus().peers() == 0) {
                reason = "no peers";
            } else if (syncing(s)) {
                reason = "the latest block is older than " + api.settings().readyMaxBlockAge().toSeconds() + " s";
            }
            // Consensus never depends on the model: a degraded model is a warning, not a reason to be unready.
            String warning = s.model().enabled() && s.model().degraded() ? "model degraded: " + s.model().detail() : null;
            return Responses.json(reason == null ? 200 : 503, new ReadyJson(reason == null, reason, warning));
        });
    }

    private CompletionStage<HttpResponse> validators() {
        return api.<ChainIndex.Command, ChainIndex.Info>ask(api.index(), ChainIndex.GetInfo::new).thenApply(info -> {
            List<ValidatorJson> out = new ArrayList<>();
            for (Validator v : api.genesis().validators().validators()) {
                Address a = Address.fromPublicKey(v.publicKey());
                out.add(new ValidatorJson(a.hex(), v.publicKey().hex(), v.power(), v.name(), info.lastSigned().get(a)));
            }
            return Responses.json(200, new ValidatorsJson(out));
        });
    }

    private CompletionStage<HttpResponse> evidence() {
        return api.<ChainStore.Command, ChainStore.EvidenceList>ask(api.chainStore(), ChainStore.GetEvidence::new).thenApply(list -> {
            List<EvidenceJson> out = new ArrayList<>();
            for (byte[] bytes : list.evidence()) {
                try {
                    Evidence e = ConsensusCodec.decodeEvidence(bytes);
                    String kind = e instanceof Evidence.DuplicateVote ? "duplicate-vote" : "conflicting-proposals";
                    out.add(new EvidenceJson(kind, e.validator().hex(), e.height(), e.round(), Hex.encode(bytes)));
                } catch (DecodeException ex) {
                    out.add(new EvidenceJson("undecodable", null, 0, 0, Hex.encode(bytes)));
                }
            }
            return Responses.json(200, new EvidenceListJson(out));
        });
    }
}
