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
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.consensus.ConsensusActor;
import io.reactiveledger.node.consensus.ConsensusSettings;
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

    public record Refs(ActorRef<ChainStore.Command> chainStore, ActorRef<MempoolActor.Command> mempool,
                       ActorRef<ConsensusActor.Command> consensus) {
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
            ConsensusActor.Wiring wiring = new ConsensusActor.Wiring(genesis.validators(), genesis.chainId(), signer,
                    transition, chain, mempool, ConsensusSettings.from(config.getConfig("ledger.consensus")),
                    Clock.systemUTC());
            ActorRef<ConsensusActor.Command> consensus = ctx.spawn(Behaviors.supervise(ConsensusActor.create(wiring))
                    .onFailure(SupervisorStrategy.restart()), "consensus",
                    // It fsyncs the sign record before every signature and executes proposed blocks:
                    // keep that off the default dispatcher.
                    DispatcherSelector.fromConfig("ledger.consensus-dispatcher"));

            io.reactiveledger.http.HttpEdge.start(ctx, genesis, signer != null, chain, mempool, consensus); // ledger.http
            Refs refs = new Refs(chain, mempool, consensus);
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
