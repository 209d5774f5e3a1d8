package io.reactiveledger.http;

import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.consensus.ConsensusActor;
import io.reactiveledger.node.contract.ContractInstances;
import io.reactiveledger.node.query.ChainIndex;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.japi.function.Function;

/**
 * What the routes talk to: the node's actors (by ask, the only place asks are used), its genesis and settings.
 * {@code contracts} (the contract instances) may be null: auction reads then come from the world state only.
 */
public record NodeApi(ActorSystem<?> system, String nodeName, Genesis genesis, boolean validator,
                      ActorRef<ChainStore.Command> chainStore, ActorRef<MempoolActor.Command> mempool,
                      ActorRef<ConsensusActor.Command> consensus, ActorRef<ChainIndex.Command> index,
                      HttpSettings settings, LedgerMetrics metrics,
                      org.apache.pekko.actor.typed.ActorRef<io.reactiveledger.llm.ModelActor.Command> model,
                      ActorRef<ContractInstances.Command> contracts) {

    /** Without a model actor ({@code ledger.llm.enabled = false}). */
    public NodeApi(ActorSystem<?> system, String nodeName, Genesis genesis, boolean validator,
                   ActorRef<ChainStore.Command> chainStore, ActorRef<MempoolActor.Command> mempool,
                   ActorRef<ConsensusActor.Command> consensus, ActorRef<ChainIndex.Command> index,
                   HttpSettings settings, LedgerMetrics metrics) {
        this(system, nodeName, genesis, validator, chainStore, mempool, consensus, index, settings, metrics, null, null);
    }

    /** The model actor's status; a stand-in "not answering" status when it does not answer, "disabled" when absent. */
    public java.util.concurrent.CompletableFuture<io.reactiveledger.llm.ModelActor.Status> modelStatus() {
        if (model == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(new io.reactiveledger.llm.ModelActor.Status(
                    false, false, true, "disabled (ledger.llm.enabled = false)", 0, false, 0, 0, 0, 0, 0, 0, 0, 0));
        }
        return this.<io.reactiveledger.llm.ModelActor.Command, io.reactiveledger.llm.ModelActor.Status>ask(model,
                        io.reactiveledger.llm.ModelActor.GetStatus::new, java.time.Duration.ofSeconds(2))
                .toCompletableFuture()
                .exceptionally(e -> new io.reactiveledger.llm.ModelActor.Status(true, false, true,
                        "the model actor did not answer: " + e, 0, false, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    public <Req, Res> CompletionStage<Res> ask(RecipientRef<Req> to, Function<ActorRef<Res>, Req> message) {
        return ask(to, message, settings.askTimeout());
    }

    public <Req, Res> CompletionStage<Res> ask(RecipientRef<Req> to, Function<ActorRef<Res>, Req> message, Duration timeout) {
        // Route callbacks (JSON building) run on the system's dispatcher, not inside the replying actor.
        return io.reactiveledger.node.DirectFutures.ask(to, message, timeout, system.scheduler(), system.executionContext());
    }

    /** A committed block with its receipts: the chain store's, else the index's cache, else none (empty list). */
    public CompletionStage<ChainStore.BlockAt> block(long height) {
        return this.<ChainStore.Command, ChainStore.BlockAt>ask(chainStore, r -> new ChainStore.GetBlock(height, r))
                .thenCompose(at -> {
                    CommittedBlock b = at.block();
                    if (b == null || b.block().transactions().isEmpty() || at.receipts().size() == b.block().transactions().size()) {
                        return java.util.concurrent.CompletableFuture.completedFuture(at);
                    }
                    return this.<ChainIndex.Command, ChainIndex.ReceiptsAt>ask(index, r -> new ChainIndex.GetReceipts(height, r))
                            .thenApply(cached -> {
                                List<Receipt> rs = cached.receipts() != null ? cached.receipts() : List.of();
                                return new ChainStore.BlockAt(height, b, rs);
                            });
                });
    }
}
