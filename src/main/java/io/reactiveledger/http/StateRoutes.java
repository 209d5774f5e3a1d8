package io.reactiveledger.http;

import static io.reactiveledger.http.TransactionRoutes.guard;
import static io.reactiveledger.http.TransactionRoutes.parseLong;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.contract.ContractActor;
import io.reactiveledger.node.contract.ContractInstances;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/** Reads of the latest committed state: {@code /v1/accounts/{address}}, {@code /v1/auctions[/{id}]}. */
public final class StateRoutes {
    public static final int MAX_AUCTIONS = 1000;
    /** How long an auction read waits for the contract's instance before answering from the world state alone. */
    static final Duration INSTANCE_WAIT = Duration.ofSeconds(1);

    private final NodeApi api;

    public StateRoutes(NodeApi api) {
        this.api = api;
    }

    public Route route() {
        return concat(
                path(segment("accounts").slash(segment()), address -> get(() -> completeWithFuture(guard(() -> account(address))))),
                path("auctions", () -> get(() -> parameterOptional("from", from -> parameterOptional("limit", limit ->
                        completeWithFuture(guard(() -> auctions(from, limit))))))),
                path(segment("auctions").slash(segment()), id -> get(() -> completeWithFuture(guard(() -> auction(id))))));
    }

    private CompletionStage<WorldState> state() {
        return api.<ChainStore.Command, ChainHead>ask(api.chainStore(), ChainStore.GetHead::new).thenApply(ChainHead::state);
    }

    private CompletionStage<HttpResponse> account(String hex) {
        Address address;
        try {
            if (hex.length() != 2 * Address.SIZE) throw new IllegalArgumentException("length");
            address = Address.fromHex(hex);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("INVALID_ADDRESS", "an address is 40 hex characters");
        }
        return state().thenApply(s -> Responses.json(200, StateViews.account(s.account(address))));
    }

    /**
     * The auction as its contract-instance actor holds it, when that state is the committed one (same
     * commitment as in the head's world state); otherwise (instance missing, behind, ahead of the head read,
     * diverged, or not answering within {@link #INSTANCE_WAIT}) as the world state holds it. Either way the JSON
     * is the same; existence and the escrow balance always come from the world state.
     */
    private CompletionStage<HttpResponse> auction(String idText) {
        long id = parseLong(idText, "id", 1, Long.MAX_VALUE);
        CompletionStage<ContractActor.StateView> view = api.contracts() == null ? CompletableFuture.completedFuture(null)
                : api.<ContractInstances.Command, ContractActor.StateView>ask(api.contracts(),
                        r -> new ContractInstances.GetContract(id, r), INSTANCE_WAIT).exceptionally(e -> null);
        return state().thenCombine(view, (s, v) -> {
            ContractInstance c = s.contract(id);
            if (c == null || !(c.state() instanceof AuctionState)) {
                throw ApiProblem.notFound("AUCTION_NOT_FOUND", "no auction with id " + id);
            }
            return Responses.json(200, StateViews.auction(served(c, v)));
        });
    }

    /** {@code committed} with the instance's state when the instance holds exactly the committed state. */
    static ContractInstance served(ContractInstance committed, ContractActor.StateView view) {
        if (view == null || !view.exists() || view.contractId() != committed.id()
                || !(view.state() instanceof AuctionState) || view.stateHash() == null
                || !view.stateHash().equals(committed.state().commitment())) {
            return committed;
        }
        return new ContractInstance(committed.id(), committed.type(), committed.balance(), view.state());
    }

    /** Auctions by id from {@code from} (default 1), at most {@code limit} (default and maximum 1000). */
    private CompletionStage<HttpResponse> auctions(Optional<String> fromParam, Optional<String> limitParam) {
        long from = fromParam.map(f -> parseLong(f, "from", 1, Long.MAX_VALUE)).orElse(1L);
        int limit = limitParam.map(l -> parseLong(l, "limit", 1, MAX_AUCTIONS)).orElse((long) MAX_AUCTIONS).intValue();
        return state().thenApply(s -> {
            long end = s.meta().nextContractId(); // ids are sequential from 1
            List<StateViews.AuctionJson> out = new ArrayList<>();
            long id = from;
            for (; id < end && out.size() < limit; id++) {
                ContractInstance c = s.contract(id);
                if (c != null && c.state() instanceof AuctionState) out.add(StateViews.auction(c));
            }
            return Responses.json(200, new StateViews.AuctionListJson(out, id < end ? id : null));
        });
    }
}
