package io.reactiveledger.http;

import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.NodeConfig;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.consensus.ConsensusActor;
import io.reactiveledger.node.contract.ContractInstances;
import io.reactiveledger.node.query.ChainIndex;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** What the node guardian calls: spawns the read model ({@link ChainIndex}) and, if enabled, the HTTP server. */
public final class HttpEdge {
    /** The spawned actors; {@code server} is null when {@code ledger.http.enabled = false}. */
    public record Refs(ActorRef<ChainIndex.Command> index, ActorRef<HttpServer.Command> server) {
    }

    private HttpEdge() {
    }

    public static Refs start(ActorContext<?> ctx, Genesis genesis, boolean validator, ActorRef<ChainStore.Command> chain,
                             ActorRef<MempoolActor.Command> mempool, ActorRef<ConsensusActor.Command> consensus) {
        return start(ctx, genesis, validator, chain, mempool, consensus, null);
    }

    /** With the node's model actor (null when disabled) for {@code /v1/llm/score}. */
    public static Refs start(ActorContext<?> ctx, Genesis genesis, boolean validator, ActorRef<ChainStore.Command> chain,
                             ActorRef<MempoolActor.Command> mempool, ActorRef<ConsensusActor.Command> consensus,
                             ActorRef<io.reactiveledger.llm.ModelActor.Command> model) {
        return start(ctx, genesis, validator, chain, mempool, consensus, model, null);
    }

    /** With the contract instances (null: none), which serve {@code GET /v1/auctions/{id}} when current. */
    public static Refs start(ActorContext<?> ctx, Genesis genesis, boolean validator, ActorRef<ChainStore.Command> chain,
                             ActorRef<MempoolActor.Command> mempool, ActorRef<ConsensusActor.Command> consensus,
                             ActorRef<io.reactiveledger.llm.ModelActor.Command> model,
                             ActorRef<ContractInstances.Command> contracts) {
        HttpSettings settings = HttpSettings.fromConfig(ctx.getSystem().settings().config());
        if (!settings.enabled()) return new Refs(null, null);
        LedgerMetrics metrics = new LedgerMetrics();
        // restarted on failure: it rebuilds itself from the chain store and subscribes again
        ActorRef<ChainIndex.Command> index = ctx.spawn(Behaviors.supervise(
                ChainIndex.create(chain, consensus,
                ChainIndex.Settings.fromConfig(ctx.getSystem().settings().config()), metrics))
                .onFailure(SupervisorStrategy.restart()), "chain-index");
        NodeApi api = new NodeApi(ctx.getSystem(), ctx.getSystem().settings().config().getString(NodeConfig.NODE_NAME),
                genesis, validator, chain, mempool, consensus, index, settings, metrics, model, contracts);
        if (model != null) model.tell(new io.reactiveledger.llm.ModelActor.Subscribe(metrics.modelListener()));
        ActorRef<HttpServer.Command> server = ctx.spawn(HttpServer.create(new ApiRoutes(api).withV1(new LlmRoutes(api, model,
                io.reactiveledger.llm.ProposalScreening.fromConfig(ctx.getSystem().settings().config())).route())
                .withV1(new OracleRoutes(api).route()).route(), settings), "http");
        return new Refs(index, server);
    }
}
