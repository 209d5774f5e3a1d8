package io.reactiveledger.replay;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.block.CommitCertificate;
import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.DevnetGenesis;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.state.BlockContext;
import io.reactiveledger.core.state.BuiltBlock;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import io.reactiveledger.node.NodeConfig;
import io.reactiveledger.node.chain.ChainStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Writes a real chain journal without running consensus: blocks of transfers built with
 * {@link StateTransition#build}, each certified by precommit signatures of the validator keys, appended
 * through a {@link ChainStore} actor (so the journal holds exactly what a node persists). For replay
 * tests and the replay benchmark. DEV ONLY keys.
 */
public final class JournalGenerator {
    private static final Duration ASK = Duration.ofSeconds(60);

    public final Genesis genesis;
    public final List<KeyPair> validatorKeys;
    public final List<KeyPair> accounts;
    private final long[] nonces;

    public JournalGenerator(int validators, int accountCount) {
        if (validators < 1 || accountCount < 2) throw new IllegalArgumentException("need a validator and two accounts");
        validatorKeys = new ArrayList<>();
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < validators; i++) {
            KeyPair k = DevnetGenesis.validatorKey(i);
            validatorKeys.add(k);
            vs.add(new Validator(k.publicKey(), 1, "node" + i));
        }
        accounts = IntStream.range(0, accountCount).parallel()
                .mapToObj(i -> KeyPair.deterministic("replay-account-" + i)).toList();
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (KeyPair a : accounts) balances.put(a.address(), 1_000_000_000_000L);
        genesis = new Genesis("replay-test", DevnetGenesis.GENESIS_TIME_MS, vs, balances);
        nonces = new long[accountCount];
    }

    /** Signs the commit certificate of {@code hash} at {@code height} (round 0) with {@code signers}. */
    public CommitCertificate certify(long height, Hash hash, List<KeyPair> signers) {
        byte[] msg = VoteSignBytes.of(genesis.chainId(), VoteType.PRECOMMIT, height, 0, hash);
        List<CommitSignature> sigs = new ArrayList<>();
        for (KeyPair k : signers) sigs.add(new CommitSignature(k.address(), k.sign(msg)));
        return new CommitCertificate(height, 0, hash, sigs);
    }

    /** The next {@code count} transfers, each from a different account when there are enough, signed in parallel. */
    public List<Transaction> transfers(int count, long seed) {
        List<TxBody> bodies = new ArrayList<>(count);
        int[] senders = new int[count];
        for (int i = 0; i < count; i++) {
            int from = (int) ((seed * count + i) % accounts.size());
            int to = (from + 1 + (int) (seed % 7)) % accounts.size();
            senders[i] = from;
            bodies.add(new TxBody(genesis.chainId(), accounts.get(from).publicKey(), nonces[from]++, 1,
                    new Transfer(accounts.get(to).address(), 1 + i % 100), ""));
        }
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> Transaction.sign(bodies.get(i), accounts.get(senders[i]))).toList();
    }

    /**
     * Builds and appends {@code blocks} blocks of {@code txsPerBlock} transfers to node {@code nodeName}'s
     * chain store in {@code system} (schema created, journal configured), with an {@code EvidenceRecorded}
     * event after each height in {@code evidenceAfter}; returns the store's head.
     */
    public ChainHead write(ActorSystem<?> system, String nodeName, int blocks, int txsPerBlock,
                           java.util.Set<Long> evidenceAfter, LongConsumer onBlock) {
        StateTransition transition = new StateTransition(ContractRegistry.standard(), tx -> true);
        ActorRef<ChainStore.Command> store = system.systemActorOf(ChainStore.create(
                NodeConfig.persistenceId(nodeName, "chain", genesis.chainId()), genesis, transition), "chain-writer",
                org.apache.pekko.actor.typed.Props.empty());
        ChainHead head = ask(system, store, ChainStore.GetHead::new);
        for (int b = 0; b < blocks; b++) {
            long height = head.height() + 1;
            Address proposer = validatorKeys.get((int) (height % validatorKeys.size())).address();
            BlockContext ctx = new BlockContext(genesis.chainId(), height, genesis.genesisTimeMs() + height * 1000, proposer);
            BuiltBlock built = transition.build(head.state(), ctx, head.hash(), genesis.validators().hash(),
                    transfers(txsPerBlock, height));
            CommittedBlock cb = new CommittedBlock(built.block(), certify(height, built.block().hash(), validatorKeys));
            ChainStore.Appended appended = ask(system, store, r -> new ChainStore.Append(cb, built.result(), r));
            if (!appended.ok()) throw new IllegalStateException("append failed: " + appended.error());
            head = appended.head();
            if (evidenceAfter.contains(height)) {
                // Arbitrary bytes: the chain store keeps evidence without interpreting it. Fire-and-forget,
                // persisted before the next Append (same mailbox).
                store.tell(new ChainStore.StoreEvidence(("evidence after " + height).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            }
            if (onBlock != null) onBlock.accept(height);
        }
        return ask(system, store, ChainStore.GetHead::new); // answered after a trailing evidence event is persisted
    }

    private static <R> R ask(ActorSystem<?> system, ActorRef<ChainStore.Command> store,
                             org.apache.pekko.japi.function.Function<ActorRef<R>, ChainStore.Command> msg) {
        try {
            return AskPattern.ask(store, msg, ASK, system.scheduler()).toCompletableFuture()
                    .get(ASK.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("chain store did not answer: " + e, e);
        }
    }
}
