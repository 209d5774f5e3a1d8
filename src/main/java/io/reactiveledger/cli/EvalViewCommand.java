package io.reactiveledger.cli;

import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import io.reactiveledger.llm.MempoolView;
import io.reactiveledger.mempool.Mempool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ledger eval view}: what building a proposal-screening view ({@link Mempool#view}) costs on a full pool,
 * timed in this JVM (no JMH: medians and p99 over many runs after a warm-up; docs/LLM.md has the figures).
 */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = "Time Mempool.view (the screening view consensus asks for per peer proposal) on a full pool.")
final class EvalViewCommand implements Callable<Integer> {
    private static final String CHAIN = "view-bench";

    @Option(names = "--pool", defaultValue = "50000", description = "Pending transactions (default: ${DEFAULT-VALUE}).")
    int pool;
    @Option(names = "--block", defaultValue = "500", description = "Transactions in the proposal (default: ${DEFAULT-VALUE}).")
    int block;
    @Option(names = "--runs", defaultValue = "2000", description = "Measured runs per figure (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        System.out.println("machine: " + EvalCommand.machine());
        int perSender = 10;
        int senders = Math.max(1, pool / perSender);
        long t0 = System.nanoTime();
        // every sender's nonces 0..9 (executable), then the same pool with nonce 0 missing (all waiting)
        Mempool ready = fill(senders, perSender, 0);
        Mempool gapped = fill(senders, perSender, 1);
        System.out.printf(Locale.ROOT, "two pools of %,d pending transactions built in %.1f s (signatures not checked: "
                + "only the indexes are measured)%n", ready.size(), (System.nanoTime() - t0) / 1e9);
        List<Hash> proposal = new ArrayList<>();
        for (Transaction t : ready.reap(block, Long.MAX_VALUE)) proposal.add(t.hash());
        long now = 1_000_000; // arrivals are 0..pool-1 ms: every transaction is older than 30 s at this time
        List<Case> cases = List.of(
                new Case("young pool: nothing pending as long as censor-age, " + block + " lookups", ready, pool, 10L * pool),
                new Case("old pool: 64 oldest executable ones, " + block + " lookups", ready, now, 30_000),
                new Case("old pool, all behind nonce gaps (scan stops at 4,096), " + block + " lookups", gapped, now, 30_000));
        // warm up every case before timing any: timing one case right after another has compiled the view for the
        // other's branches measures a recompilation, not the view (seen: 230 us instead of 45 us)
        for (int i = 0; i < 500; i++) for (Case c : cases) c.run(proposal);
        for (Case c : cases) measure(c, proposal);
        return 0;
    }

    private record Case(String what, Mempool pool, long now, long minAge) {
        MempoolView run(List<Hash> proposal) {
            return pool.view(proposal, now, minAge, 64, 2_000, 2L << 20);
        }
    }

    private void measure(Case c, List<Hash> proposal) {
        MempoolView v = null;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            v = c.run(proposal);
            nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-85s p50 %7.1f us  p99 %7.1f us  (seen %d, stale %d, median fee %.0f)%n",
                c.what(), nanos[runs / 2] / 1e3, nanos[(int) Math.ceil(0.99 * runs) - 1] / 1e3, v.seen().size(),
                v.stale().size(), v.medianFee());
    }

    private static Mempool fill(int senders, int perSender, int firstNonce) {
        Map<Address, Long> balances = new LinkedHashMap<>();
        List<KeyPair> keys = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            KeyPair k = KeyPair.deterministic("view-bench-" + s);
            keys.add(k);
            balances.put(k.address(), 1_000_000_000L);
        }
        Mempool m = new Mempool(WorldState.initial(CHAIN, balances), tx -> true,
                new Mempool.Limits(senders * perSender, 1L << 30, 64, 10));
        long arrival = 0;
        for (int n = firstNonce; n < firstNonce + perSender; n++) {
            for (int s = 0; s < senders; s++) {
                Mempool.Admission a = m.admit(unsigned(keys.get(s), n, 1 + (s * 31 + n) % 200), arrival++);
                if (!a.accepted()) throw new IllegalStateException(a.toString());
            }
        }
        return m;
    }

    /** A transfer with an all-zero signature, without the cost of signing (the pool here checks none). */
    private static Transaction unsigned(KeyPair from, long nonce, long fee) {
        byte[] body = new TxBody(CHAIN, from.publicKey(), nonce, fee, new Transfer(from.address(), 1), "").encode();
        try {
            return Transaction.decode(Arrays.copyOf(body, body.length + 64));
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }
}
