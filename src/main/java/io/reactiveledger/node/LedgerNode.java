package io.reactiveledger.node;

import com.typesafe.config.Config;
import io.reactiveledger.consensus.signing.DataDirLock;
import io.reactiveledger.consensus.signing.FileSignRecordStore;
import io.reactiveledger.consensus.signing.PrivValidator;
import io.reactiveledger.consensus.signing.SignGuard;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.tx.SignatureCache;
import io.reactiveledger.llm.ModelActor;
import io.reactiveledger.llm.ModelSettings;
import io.reactiveledger.llm.ProposalScorer;
import io.reactiveledger.llm.ProposalScreening;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.consensus.ConsensusActor;
import io.reactiveledger.node.consensus.ConsensusSettings;
import io.reactiveledger.node.contract.ContractInstances;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The node's guardian: spawns the chain store, the mempool and consensus, and answers {@link GetRefs}.
 * A node with a validator key in the genesis set votes; any other node is an observer that follows and
 * verifies blocks.
 */
public final class LedgerNode {
    public interface Command {
    }

    public record GetRefs(ActorRef<Refs> replyTo) implements Command {
    }

    /** {@code model} is null when {@code ledger.llm.enabled = false}. */
    public record Refs(ActorRef<ChainStore.Command> chainStore, ActorRef<MempoolActor.Command> mempool,
                       ActorRef<ConsensusActor.Command> consensus, ActorRef<ModelActor.Command> model,
                       ActorRef<ContractInstances.Command> contracts) {
    }

    private LedgerNode() {
    }

    /**
     * @param validatorKey this node's validator key, or null for an observer
     */
    public static Behavior<Command> create(Genesis genesis, KeyPair validatorKey) {
        return Behaviors.setup(ctx -> {
            Config config = ctx.getSystem().settings().config();
            String node = config.getString(NodeConfig.NODE_NAME);
            Path dataDir = Path.of(config.getString(NodeConfig.DATA_DIR));
            SignatureCache signatures = new SignatureCache(200_000);
            StateTransition transition = new StateTransition(ContractRegistry.standard(), signatures::verify);

            ActorRef<ChainStore.Command> chain = ctx.spawn(
                    ChainStore.create(NodeConfig.persistenceId(node, "chain", genesis.chainId()), genesis, transition), "chain");
            ctx.getSystem().receptionist().tell(Receptionist.register(ChainStore.SERVICE_KEY, chain));
            ActorRef<MempoolActor.Command> mempool = ctx.spawn(MempoolActor.create(genesis.state(), signatures,
                    MempoolActor.Settings.fromConfig(config)), "mempool");

            PrivValidator signer = null;
            DataDirLock lock = null;
            if (validatorKey != null && genesis.validators().get(validatorKey.address()).isPresent()) {
                lock = DataDirLock.acquire(dataDir); // one running validator per data directory

                signer = new PrivValidator(validatorKey, new SignGuard(FileSignRecordStore.inDataDir(dataDir)),
                        genesis.chainId());
            }
            // The model actor (ledger.llm): scores peers' proposals for consensus; absent when disabled.
            ModelSettings modelSettings = ModelSettings.fromConfig(config);
            ProposalScreening screening = ProposalScreening.fromConfig(config);
            ActorRef<ModelActor.Command> model = !modelSettings.enabled() ? null : ctx.spawn(
                    ModelActor.create(modelSettings, new ProposalScorer(screening.policy())), "model",
                    DispatcherSelector.fromConfig(ModelSettings.DISPATCHER));
            if (model != null && screening.enabled()) {
                // Memos are embedded as their transactions arrive, so scoring a proposal finds them cached
                // (a cold 500-transaction proposal took longer than the scoring deadline).
                mempool.tell(new MempoolActor.WatchAdmitted(txs -> {
                    java.util.List<String> texts = ProposalScorer.texts(txs);
                    if (!texts.isEmpty()) model.tell(new ModelActor.Prefetch(texts));
                }));
            }
            ConsensusActor.Wiring wiring = new ConsensusActor.Wiring(genesis.validators(), genesis.chainId(), signer,
                    transition, chain, mempool, ConsensusSettings.from(config.getConfig("ledger.consensus")),
                    Clock.systemUTC(), model, screening);
            ActorRef<ConsensusActor.Command> consensus = ctx.spawn(Behaviors.supervise(ConsensusActor.create(wiring))
                    .onFailure(SupervisorStrategy.restart()), "consensus",
                    // It fsyncs the sign record before every signature and executes proposed blocks:
                    // keep that off the default dispatcher.
                    DispatcherSelector.fromConfig("ledger.consensus-dispatcher"));

            // The auction oracle (ledger.llm.oracle.key-file): records the model's predictions on chain.
            io.reactiveledger.llm.OracleSettings oracle = io.reactiveledger.llm.OracleSettings.fromConfig(config);
            if (oracle != null && model != null) {
                // resumed on failure: its next block retries; consensus never waits for it
                ctx.spawn(Behaviors.supervise(io.reactiveledger.llm.OracleActor.create(oracle, genesis.chainId(), chain,
                        mempool, model)).onFailure(SupervisorStrategy.resume()), "oracle");
            } else if (oracle != null) {
                ctx.getLog().warn("ledger.llm.oracle.key-file is set but the model is disabled: no predictions");
            }
            // Contract instances replicate and check each contract's state from durable blocks (see ARCHITECTURE.md).
            ActorRef<ContractInstances.Command> contracts = ctx.spawn(ContractInstances.create(node, genesis.chainId(), chain,
                    ContractRegistry.standard()), "contracts");
            io.reactiveledger.http.HttpEdge.start(ctx, genesis, signer != null, chain, mempool, consensus, model, contracts); // ledger.http
            Refs refs = new Refs(chain, mempool, consensus, model, contracts);
            DataDirLock held = lock;
            return Behaviors.receive(Command.class)
                    .onMessage(GetRefs.class, m -> {
                        m.replyTo().tell(refs);
                        return Behaviors.same();
                    })
                    .onSignal(PostStop.class, s -> {
                        if (held != null) held.close();
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
