package io.reactiveledger.mempool;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.state.Account;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.SignatureCache;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.llm.MempoolView;
import io.reactiveledger.llm.ProposalScorer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The pending-transaction pool of one node: a pure, deterministic, single-threaded data structure (no
 * Pekko, no clocks). {@link MempoolActor} is its shell.
 *
 * <h2>Admission</h2>
 * {@link #admit(Transaction)} checks a decoded transaction against the latest committed
 * {@link WorldState}, in this order (the first failing rule gives the code):
 * <ol>
 *   <li>{@code DUPLICATE}: a transaction with the same hash is pending;</li>
 *   <li>{@code REFUSED_BY_POLICY}: this node's proposer left it out of a block for its risky text and
 *       {@link #refuse} evicted it (the last {@link #REFUSED_MEMORY} such hashes are remembered);</li>
 *   <li>{@code WRONG_CHAIN}: the chain id differs from the state's;</li>
 *   <li>{@code NONCE_TOO_LOW}: nonce &lt; the account's next nonce;</li>
 *   <li>{@code NONCE_TOO_HIGH}: nonce &ge; next nonce + {@link Limits#nonceWindow()};</li>
 *   <li>{@code BAD_SIGNATURE}: the signature check (normally {@link SignatureCache#verify}, so each
 *       transaction is verified once per node) fails;</li>
 *   <li>{@code REPLACEMENT_UNDERPRICED}: another transaction holds this sender and nonce and the new fee
 *       is below {@link Limits#minReplacementFee(long)} (old fee + {@code replaceBumpPercent}%, at least +1);
 *       otherwise the new one replaces it;</li>
 *   <li>{@code INSUFFICIENT_BALANCE}: the balance does not cover fee + {@code payload.spendAmount()}
 *       summed over the sender's pending transactions including this one;</li>
 *   <li>{@code FULL}: admitting would exceed {@link Limits#maxTxs()} or {@link Limits#maxBytes()} and
 *       not enough transactions with a strictly lower fee can be evicted.</li>
 * </ol>
 * Nonces inside the window need not be contiguous: a transaction with nonce n+2 waits while n+1 is
 * missing, but only runs contiguous from the account's next nonce are handed out by {@link #reap}.
 *
 * <h2>Eviction when full</h2>
 * A pending transaction is <em>ready</em> when every nonce from its sender's next nonce up to its own is
 * pending, otherwise it is <em>waiting</em> behind a gap. Eviction candidates are each sender's
 * <em>last</em> pending transaction (highest nonce), so eviction never opens a gap: waiting ones first,
 * then ready ones; within each, the lowest fee first, and among equal fees the latest arrival. A newcomer
 * evicts as many candidates as it needs to fit (by count and by bytes), never its own sender's
 * transactions, under these rules (else nothing changes and it is {@code FULL}):
 * <ul>
 *   <li>a ready candidate gives way only to a ready newcomer with a strictly higher fee (the basic rule);</li>
 *   <li>a waiting candidate gives way to any ready newcomer, or to a waiting one with a strictly higher
 *       fee, so transactions that cannot be executed never crowd out ones that can.</li>
 * </ul>
 * A low-fee transaction followed by higher-fee ones of its sender is protected by them.
 *
 * <h2>Reaping and commits</h2>
 * {@link #reap} picks, among the senders' next executable transactions, the highest fee (then the
 * earliest arrival), then makes that sender's following nonce a candidate: a sender's n+1 never precedes
 * its n. Reaping does not remove anything; {@link #onCommitted} does, and re-checks the senders of the
 * committed transactions (nonces now too low; balance no longer covering a nonce-ordered prefix).
 *
 * <h2>Arrival times and the view for proposal screening</h2>
 * {@link #admit(Transaction, long)} records when the transaction arrived (the caller's clock: the actor passes
 * monotonic milliseconds). {@link #view} answers what the proposal scorer needs without copying the pool: the
 * median pending fee (a histogram kept up to date), the proposal's transactions that are pending here with
 * their age, and the oldest executable ones up to a cap (an arrival-ordered index).
 *
 * <p>Ordering never depends on hash-map iteration: ties are broken by an arrival sequence number, so the
 * same sequence of calls gives the same results on every JVM. Each operation costs O(log n) plus
 * O(log n) per transaction it returns or removes.
 */
public final class Mempool {

    /**
     * The bounds of a pool.
     *
     * @param maxTxs             most pending transactions (default 50,000)
     * @param maxBytes           most pending bytes, summed over signed transaction sizes (default 64 MiB)
     * @param nonceWindow        nonces accepted per sender: [next nonce, next nonce + window) (default 64)
     * @param replaceBumpPercent a replacement (same sender and nonce) needs its fee at least this many
     *                           percent above the pending one's, and at least 1 more (default 10)
     */
    public record Limits(int maxTxs, long maxBytes, int nonceWindow, int replaceBumpPercent) {
        public static final Limits DEFAULT = new Limits(50_000, 64L * 1024 * 1024, 64, 10);

        public Limits {
            if (maxTxs < 1) throw new IllegalArgumentException("maxTxs must be positive");
            if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be positive");
            if (nonceWindow < 1) throw new IllegalArgumentException("nonceWindow must be positive");
            if (replaceBumpPercent < 0) throw new IllegalArgumentException("replaceBumpPercent must not be negative");
        }

        /** The lowest fee that may replace a pending transaction with fee {@code oldFee} (saturating). */
        public long minReplacementFee(long oldFee) {
            long bump;
            try {
                bump = Math.addExact(Math.multiplyExact(oldFee / 100, (long) replaceBumpPercent),
                        (oldFee % 100) * replaceBumpPercent / 100);
            } catch (ArithmeticException e) {
                bump = Long.MAX_VALUE;
            }
            return saturatingAdd(oldFee, Math.max(1, bump));
        }
    }

    /**
     * The outcome of {@link #admit}.
     *
     * @param code    {@link AdmissionCode#ACCEPTED} or the rejection's stable code
     * @param message empty when accepted, otherwise a human-readable reason
     * @param txHash  the transaction's hash
     * @param removed when accepted: the transaction it replaced and those evicted to make room, in that
     *                order (removed from the pool); empty otherwise
     */
    public record Admission(AdmissionCode code, String message, Hash txHash, List<Transaction> removed) {
        public Admission {
            Objects.requireNonNull(code, "code");
            message = message == null ? "" : message;
            removed = List.copyOf(removed);
        }

        public boolean accepted() {
            return code == AdmissionCode.ACCEPTED;
        }
    }

    /**
     * What {@link #onCommitted} or {@link #resync} removed.
     *
     * @param committed pending transactions that the block contained, in block order
     * @param evicted   pending transactions made invalid (nonce now too low, balance no longer covering
     *                  them), by sender address then nonce
     */
    public record Pruned(List<Transaction> committed, List<Transaction> evicted) {
        public Pruned {
            committed = List.copyOf(committed);
            evicted = List.copyOf(evicted);
        }
    }

    /** One pending transaction with what the indexes need. */
    private static final class Entry {
        final Transaction tx;
        final Hash hash;
        final Address sender;
        final long nonce;
        final long fee;
        final long cost; // fee + spend amount, saturating
        final int size;
        final long seq;  // arrival order at this pool
        final long arrivalMillis; // when it arrived, in the caller's clock
        /** Whether it was ready when it last became its sender's tail: its sort key in {@code tails}. */
        boolean readyAsTail;
        /** When it last arrived or {@link #takeForRebroadcast} handed it out. */
        long lastBroadcastMillis;

        Entry(Transaction tx, long seq, long arrivalMillis) {
            this.tx = tx;
            this.arrivalMillis = arrivalMillis;
            this.lastBroadcastMillis = arrivalMillis;
            this.hash = tx.hash();
            this.sender = tx.senderAddress();
            this.nonce = tx.nonce();
            this.fee = tx.fee();
            this.cost = saturatingAdd(tx.fee(), tx.payload().spendAmount());
            this.size = tx.size();
            this.seq = seq;
        }
    }

    /**
     * A sender's pending transactions by nonce, with the committed next nonce, the end of the ready run
     * (the first nonce from {@code nextNonce} on that is not pending) and their total cost.
     */
    private static final class Sender {
        final TreeMap<Long, Entry> byNonce = new TreeMap<>();
        long nextNonce;
        long readyEnd;
        long totalCost;

        Sender(long nextNonce) {
            this.nextNonce = nextNonce;
            this.readyEnd = nextNonce;
        }

        void extendReadyRun() {
            while (byNonce.containsKey(readyEnd)) readyEnd++;
        }

        Entry head() {
            return byNonce.get(nextNonce);
        }

        Entry tail() {
            Map.Entry<Long, Entry> e = byNonce.lastEntry();
            return e == null ? null : e.getValue();
        }
    }

    /** Block order: highest fee first, then earliest arrival. */
    private static final Comparator<Entry> BY_PRIORITY =
            Comparator.<Entry>comparingLong(e -> -e.fee).thenComparingLong(e -> e.seq);
    /** Eviction order: waiting (behind a gap) before ready, then lowest fee first, then latest arrival. */
    private static final Comparator<Candidate> BY_EVICTION = Comparator.<Candidate>comparingInt(c -> c.ready ? 1 : 0)
            .thenComparingLong(c -> c.entry.fee).thenComparingLong(c -> -c.entry.seq);
    private static final Comparator<Entry> BY_ARRIVAL =
            Comparator.<Entry>comparingLong(e -> e.arrivalMillis).thenComparingLong(e -> e.seq);
    private static final Comparator<Entry> TAILS = Comparator.<Entry>comparingInt(e -> e.readyAsTail ? 1 : 0)
            .thenComparingLong(e -> e.fee).thenComparingLong(e -> -e.seq);

    /** An eviction candidate and whether it is ready (contiguous from its sender's next nonce). */
    private record Candidate(Entry entry, boolean ready) {
    }

    private final Limits limits;
    private final Predicate<Transaction> signatureCheck;
    private final Map<Hash, Entry> byHash = new HashMap<>();
    private final Map<Address, Sender> senders = new HashMap<>();
    /** Each sender's transaction at its next nonce, if pending: the reap candidates. */
    private final TreeSet<Entry> heads = new TreeSet<>(BY_PRIORITY);
    /** Each sender's highest-nonce transaction: the eviction candidates. */
    private final TreeSet<Entry> tails = new TreeSet<>(TAILS);
    /** Every pending transaction, oldest arrival first. */
    private final TreeSet<Entry> byArrival = new TreeSet<>(BY_ARRIVAL);
    private final FeeHistogram fees = new FeeHistogram();
    /** Hashes {@link #refuse} evicted, oldest first, at most {@link #REFUSED_MEMORY}. */
    private final LinkedHashSet<Hash> refused = new LinkedHashSet<>();
    private WorldState state;
    private long bytes;
    private long nextSeq;

    /** A pool whose signatures are verified through {@code cache} (once per node). */
    public Mempool(WorldState state, SignatureCache cache, Limits limits) {
        this(state, cache::verify, limits);
    }

    /**
     * @param signatureCheck normally {@link SignatureCache#verify}, shared with the state transition so
     *                       each signature is verified once per node
     */
    public Mempool(WorldState state, Predicate<Transaction> signatureCheck, Limits limits) {
        this.state = Objects.requireNonNull(state, "state");
        this.signatureCheck = Objects.requireNonNull(signatureCheck, "signatureCheck");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** How many refused hashes {@link #refuse} remembers (the oldest are forgotten first). */
    public static final int REFUSED_MEMORY = 10_000;
    /** At most this many entries are looked at per {@link #view} or {@link #takeForRebroadcast} for old ones. */
    static final int SCAN_LIMIT = 4_096;

    // ------------------------------------------------------------------------------------------ admit

    /** Admits with an unknown arrival time (0): for callers that build no {@link #view}. */
    public Admission admit(Transaction tx) {
        return admit(tx, 0);
    }

    /** @param arrivalMillis when the transaction arrived, in the clock later given to {@link #view} */
    public Admission admit(Transaction tx, long arrivalMillis) {
        Hash hash = tx.hash();
        if (byHash.containsKey(hash)) return reject(AdmissionCode.DUPLICATE, hash, "already pending");
        if (refused.contains(hash)) {
            return reject(AdmissionCode.REFUSED_BY_POLICY, hash, "this node's proposer left the transaction out of a "
                    + "block because its memo or item text was judged risky by the model; it is not admitted again");
        }
        if (!tx.chainId().equals(state.chainId())) {
            return reject(AdmissionCode.WRONG_CHAIN, hash, "transaction is for chain " + tx.chainId()
                    + ", this is " + state.chainId());
        }
        Address address = tx.senderAddress();
        Account account = state.account(address);
        long next = account.nextNonce();
        if (tx.nonce() < next) {
            return reject(AdmissionCode.NONCE_TOO_LOW, hash, "nonce " + tx.nonce()
                    + " but the account's next nonce is " + next);
        }
        if (tx.nonce() - next >= limits.nonceWindow()) {
            return reject(AdmissionCode.NONCE_TOO_HIGH, hash, "nonce " + tx.nonce() + " is not below "
                    + next + " + " + limits.nonceWindow() + " (the account's next nonce + the nonce window)");
        }
        if (!signatureCheck.test(tx)) return reject(AdmissionCode.BAD_SIGNATURE, hash, "signature does not verify");

        Sender sender = senders.get(address);
        Entry existing = sender == null ? null : sender.byNonce.get(tx.nonce());
        if (existing != null) {
            long min = limits.minReplacementFee(existing.fee);
            if (tx.fee() < min) {
                return reject(AdmissionCode.REPLACEMENT_UNDERPRICED, hash, "nonce " + tx.nonce()
                        + " is taken by " + existing.hash.hex() + " with fee " + existing.fee
                        + "; a replacement needs a fee of at least " + min);
            }
        }
        Entry entry = new Entry(tx, nextSeq, arrivalMillis);
        long pendingCost = sender == null ? 0 : sender.totalCost - (existing == null ? 0 : existing.cost);
        long total = saturatingAdd(pendingCost, entry.cost);
        if (total > account.balance()) {
            return reject(AdmissionCode.INSUFFICIENT_BALANCE, hash, "balance " + account.balance()
                    + " does not cover " + (total == Long.MAX_VALUE ? "more than 2^63-1" : String.valueOf(total))
                    + " (fees and amounts of the sender's pending transactions with this one)");
        }

        int countAfter = byHash.size() + (existing == null ? 1 : 0);
        long bytesAfter = bytes - (existing == null ? 0 : existing.size) + entry.size;
        boolean ready = tx.nonce() <= (sender == null ? next : sender.readyEnd);
        List<Entry> victims = planEviction(entry, ready, countAfter, bytesAfter);
        if (victims == null) {
            return reject(AdmissionCode.FULL, hash, "pool holds " + byHash.size() + " transactions, " + bytes
                    + " bytes (limits " + limits.maxTxs() + ", " + limits.maxBytes() + ") and no room can be made for "
                    + (ready ? "an executable transaction with fee " : "a transaction waiting behind a nonce gap with fee ")
                    + tx.fee());
        }

        nextSeq++;
        List<Transaction> removed = new ArrayList<>(victims.size() + 1);
        if (existing != null) {
            remove(existing);
            removed.add(existing.tx);
        }
        for (Entry v : victims) {
            remove(v);
            removed.add(v.tx);
        }
        insert(entry, next);
        return new Admission(AdmissionCode.ACCEPTED, "", hash, removed);
    }

    /**
     * The transactions to evict so that {@code incoming} fits, or null when it cannot. Walks the eviction
     * candidates (senders' last transactions) in eviction order; taking one makes its sender's previous
     * nonce a candidate. A waiting candidate gives way to a ready newcomer or a higher fee, a ready one
     * only to a ready newcomer with a higher fee. Nothing is changed here.
     */
    private List<Entry> planEviction(Entry incoming, boolean incomingReady, int countAfter, long bytesAfter) {
        if (countAfter <= limits.maxTxs() && bytesAfter <= limits.maxBytes()) return List.of();
        if (incoming.size > limits.maxBytes()) return null;
        List<Entry> victims = new ArrayList<>();
        Iterator<Entry> it = tails.iterator();
        Candidate fromTails = it.hasNext() ? tailCandidate(it.next()) : null;
        PriorityQueue<Candidate> revealed = new PriorityQueue<>(BY_EVICTION);
        while (countAfter > limits.maxTxs() || bytesAfter > limits.maxBytes()) {
            Candidate c;
            if (fromTails != null && (revealed.isEmpty() || BY_EVICTION.compare(fromTails, revealed.peek()) < 0)) {
                c = fromTails;
                fromTails = it.hasNext() ? tailCandidate(it.next()) : null;
            } else {
                c = revealed.poll();
            }
            if (c == null) return null;
            Entry v = c.entry();
            boolean evictable = c.ready() ? incomingReady && v.fee < incoming.fee : incomingReady || v.fee < incoming.fee;
            // candidates come in eviction order: when this one stays, so do all after it
            if (!evictable) return null;
            // never the newcomer's own sender's (the one it replaces is accounted for; later nonces it may make ready)
            if (v.sender.equals(incoming.sender)) continue;
            victims.add(v);
            countAfter--;
            bytesAfter -= v.size;
            Sender s = senders.get(v.sender);
            Map.Entry<Long, Entry> previous = s.byNonce.lowerEntry(v.nonce);
            if (previous != null) revealed.add(new Candidate(previous.getValue(), previous.getKey() < s.readyEnd));
        }
        return victims;
    }

    private static Candidate tailCandidate(Entry e) {
        return new Candidate(e, e.readyAsTail);
    }

    // ------------------------------------------------------------------------------------------- reap

    /**
     * Up to {@code maxTxs} transactions of at most {@code maxBytes} bytes in total, for the next block:
     * by fee (highest first) then arrival, each sender's transactions contiguous from its next nonce and
     * in nonce order. A sender whose next transaction does not fit in the bytes left is skipped (its later
     * ones cannot come first); smaller transactions of others may still fill the block. Nothing is removed.
     */
    public List<Transaction> reap(int maxTxs, long maxBytes) {
        if (maxTxs <= 0 || maxBytes <= 0) return List.of();
        List<Transaction> out = new ArrayList<>(Math.min(maxTxs, heads.size()));
        long left = maxBytes;
        Iterator<Entry> it = heads.iterator();
        Entry fromHeads = it.hasNext() ? it.next() : null;
        PriorityQueue<Entry> successors = new PriorityQueue<>(BY_PRIORITY);
        while (out.size() < maxTxs) {
            Entry e;
            if (fromHeads != null && (successors.isEmpty() || BY_PRIORITY.compare(fromHeads, successors.peek()) < 0)) {
                e = fromHeads;
                fromHeads = it.hasNext() ? it.next() : null;
            } else {
                e = successors.poll();
            }
            if (e == null) break;
            if (e.size > left) continue;
            out.add(e.tx);
            left -= e.size;
            Entry successor = senders.get(e.sender).byNonce.get(e.nonce + 1);
            if (successor != null) successors.add(successor);
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------- commit

    /**
     * Moves to {@code newState}, the state after a committed block whose transactions are
     * {@code committed} (all of them, in block order, including ones this pool never saw: a sender's nonce
     * and balance only decrease through its own transactions, so only their senders are re-checked).
     * Removes the committed transactions, then for each of their senders evicts pending transactions whose
     * nonce is now below the account's next nonce and, in nonce order, every transaction from the first
     * one whose cumulative fee + spend exceeds the balance. When the state jumped by more than this block
     * (state sync), call {@link #resync} instead.
     */
    public Pruned onCommitted(WorldState newState, List<Transaction> committed) {
        requireSameChain(newState);
        state = newState;
        List<Transaction> removed = new ArrayList<>();
        TreeSet<Address> touched = new TreeSet<>();
        for (Transaction tx : committed) {
            touched.add(tx.senderAddress());
            Entry e = byHash.get(tx.hash());
            if (e != null) {
                remove(e);
                removed.add(e.tx);
            }
        }
        List<Transaction> evicted = new ArrayList<>();
        for (Address a : touched) revalidate(a, evicted);
        return new Pruned(removed, evicted);
    }

    /** Moves to {@code newState} and re-checks every pending sender (O(n log n); after a state sync). */
    public Pruned resync(WorldState newState) {
        requireSameChain(newState);
        state = newState;
        List<Transaction> evicted = new ArrayList<>();
        for (Address a : new TreeSet<>(senders.keySet())) revalidate(a, evicted);
        return new Pruned(List.of(), evicted);
    }

    private void requireSameChain(WorldState newState) {
        if (!newState.chainId().equals(state.chainId())) {
            throw new IllegalArgumentException("state of chain " + newState.chainId() + " given to the mempool of " + state.chainId());
        }
    }

    private void revalidate(Address address, List<Transaction> evicted) {
        Sender s = senders.get(address);
        if (s == null) return;
        Account account = state.account(address);
        detach(s);
        s.nextNonce = account.nextNonce();
        long total = 0;
        boolean covered = true;
        Iterator<Entry> it = s.byNonce.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            boolean keep = e.nonce >= s.nextNonce;
            if (keep && covered) {
                long t = saturatingAdd(total, e.cost);
                if (t <= account.balance()) total = t;
                else covered = false;
            }
            if (!keep || !covered) {
                it.remove();
                unindex(e);
                evicted.add(e.tx);
            }
        }
        s.totalCost = total;
        s.readyEnd = s.nextNonce;
        s.extendReadyRun();
        attach(address, s);
    }

    // ---------------------------------------------------------------------------------------- queries

    public int size() {
        return byHash.size();
    }

    /** The sum of the pending transactions' signed sizes. */
    public long bytes() {
        return bytes;
    }

    public Limits limits() {
        return limits;
    }

    /** The committed state admission checks against. */
    public WorldState state() {
        return state;
    }

    public boolean contains(Hash txHash) {
        return byHash.containsKey(txHash);
    }

    public Optional<Transaction> get(Hash txHash) {
        Entry e = byHash.get(txHash);
        return e == null ? Optional.empty() : Optional.of(e.tx);
    }

    /** A sender's pending transactions in nonce order (gaps possible). */
    public List<Transaction> pending(Address sender) {
        Sender s = senders.get(sender);
        return s == null ? List.of() : s.byNonce.values().stream().map(e -> e.tx).toList();
    }

    /** Number of senders with pending transactions. */
    public int senderCount() {
        return senders.size();
    }

    /** Whether {@link #refuse} evicted a transaction with this hash (and still remembers it). */
    public boolean isRefused(Hash txHash) {
        return refused.contains(txHash);
    }

    /**
     * Evicts these transactions (those pending) and refuses them from now on, including by gossip: a proposer on
     * this node left them out of its block for their risky text, so they would only be scored and left out again
     * at every height. Their sender's later nonces stay, waiting behind the gap. Returns those evicted.
     */
    public List<Transaction> refuse(Collection<Hash> txHashes) {
        List<Transaction> out = new ArrayList<>();
        for (Hash h : txHashes) {
            Entry e = byHash.get(h);
            if (e != null) {
                remove(e);
                out.add(e.tx);
            }
            refused.remove(h);
            refused.add(h);
            if (refused.size() > REFUSED_MEMORY) {
                Iterator<Hash> it = refused.iterator();
                it.next();
                it.remove();
            }
        }
        return out;
    }

    /**
     * What proposal screening needs from this pool, in O(|lookup| + scanned) whatever the pool's size: the
     * median pending fee, the {@code lookup} transactions that are pending here with their age, and up to
     * {@code cap} executable transactions (contiguous from their sender's next nonce) pending at least
     * {@code minAgeMillis}, oldest first (looking at no more than {@link #SCAN_LIMIT} of the oldest entries).
     *
     * @param nowMillis the clock of {@link #admit(Transaction, long)}'s arrival times
     */
    public MempoolView view(Collection<Hash> lookup, long nowMillis, long minAgeMillis, int cap, int maxBlockTxs,
                            long maxBlockBytes) {
        Map<Hash, MempoolView.Pending> seen = new HashMap<>();
        for (Hash h : lookup) {
            Entry e = byHash.get(h);
            if (e != null) seen.put(h, pending(e, nowMillis));
        }
        List<MempoolView.Pending> stale = new ArrayList<>();
        int scanned = 0;
        for (Entry e : byArrival) {
            if (stale.size() >= cap || ++scanned > SCAN_LIMIT || nowMillis - e.arrivalMillis < minAgeMillis) break;
            if (isReady(e)) stale.add(pending(e, nowMillis));
        }
        return new MempoolView(fees.median(), byHash.size(), seen, stale, maxBlockTxs, maxBlockBytes);
    }

    /**
     * Up to {@code max} executable transactions pending at least {@code minAgeMillis} and not handed out in the
     * last {@code minAgeMillis}, oldest first, marked as handed out now: the actor gossips them again, so that a
     * peer that missed the first gossip (best effort) or joined later gets them before its blocks could look like
     * censoring them. Each pending transaction is re-sent at most once per {@code minAgeMillis}.
     */
    public List<Transaction> takeForRebroadcast(long nowMillis, long minAgeMillis, int max) {
        List<Transaction> out = new ArrayList<>();
        int scanned = 0;
        for (Entry e : byArrival) {
            if (out.size() >= max || ++scanned > SCAN_LIMIT || nowMillis - e.arrivalMillis < minAgeMillis) break;
            if (nowMillis - e.lastBroadcastMillis >= minAgeMillis && isReady(e)) {
                e.lastBroadcastMillis = nowMillis;
                out.add(e.tx);
            }
        }
        return out;
    }

    private boolean isReady(Entry e) {
        return e.nonce < senders.get(e.sender).readyEnd;
    }

    private static MempoolView.Pending pending(Entry e, long nowMillis) {
        long auction = e.tx.payload() instanceof Bid ? ((Bid) e.tx.payload()).auctionId() : 0;
        return new MempoolView.Pending(e.hash, e.sender, e.nonce, e.fee, e.size, auction,
                Math.max(0, nowMillis - e.arrivalMillis), !ProposalScorer.textOf(e.tx).isEmpty());
    }

    // ---------------------------------------------------------------------------------------- indexes

    private void insert(Entry e, long accountNextNonce) {
        Sender s = senders.get(e.sender);
        if (s == null) {
            s = new Sender(accountNextNonce);
            senders.put(e.sender, s);
        }
        detach(s);
        s.byNonce.put(e.nonce, e);
        if (e.nonce == s.readyEnd) s.extendReadyRun();
        s.totalCost += e.cost;
        byHash.put(e.hash, e);
        byArrival.add(e);
        fees.add(e.fee);
        bytes += e.size;
        attach(e.sender, s);
    }

    private void remove(Entry e) {
        Sender s = senders.get(e.sender);
        detach(s);
        s.byNonce.remove(e.nonce);
        if (e.nonce < s.readyEnd) s.readyEnd = e.nonce;
        s.totalCost -= e.cost;
        unindex(e);
        attach(e.sender, s);
    }

    private void unindex(Entry e) {
        byHash.remove(e.hash);
        byArrival.remove(e);
        fees.remove(e.fee);
        bytes -= e.size;
    }

    /** Takes the sender's head and tail out of the ordered sets before its queue changes. */
    private void detach(Sender s) {
        Entry head = s.head();
        if (head != null) heads.remove(head);
        Entry tail = s.tail();
        if (tail != null) tails.remove(tail);
    }

    /** Puts them back after the change; forgets a sender with nothing pending. */
    private void attach(Address address, Sender s) {
        if (s.byNonce.isEmpty()) {
            senders.remove(address);
            return;
        }
        Entry head = s.head();
        if (head != null) heads.add(head);
        Entry tail = s.tail();
        tail.readyAsTail = tail.nonce < s.readyEnd;
        tails.add(tail);
    }

    /**
     * Recomputes every index and total from scratch and compares (O(n log n); for tests).
     *
     * @throws IllegalStateException on the first inconsistency
     */
    void checkInvariants() {
        long b = 0;
        int n = 0;
        int headCount = 0;
        for (Map.Entry<Address, Sender> se : senders.entrySet()) {
            Sender s = se.getValue();
            check(!s.byNonce.isEmpty(), "empty sender kept");
            long cost = 0;
            for (Entry e : s.byNonce.values()) {
                check(e.sender.equals(se.getKey()), "entry under the wrong sender");
                check(byHash.get(e.hash) == e, "entry not indexed by hash");
                check(e.nonce >= s.nextNonce && e.nonce - s.nextNonce < limits.nonceWindow(), "nonce outside the window");
                cost += e.cost;
                b += e.size;
                n++;
            }
            check(cost == s.totalCost, "sender total cost");
            Account account = state.account(se.getKey());
            check(s.nextNonce == account.nextNonce(), "stale next nonce");
            check(cost <= account.balance(), "balance does not cover pending");
            Entry head = s.head();
            if (head != null) {
                check(heads.contains(head), "head not in heads");
                headCount++;
            }
            long readyEnd = s.nextNonce;
            while (s.byNonce.containsKey(readyEnd)) readyEnd++;
            check(readyEnd == s.readyEnd, "ready run");
            check(tails.contains(s.tail()) && s.tail().readyAsTail == s.tail().nonce < readyEnd, "tail not in tails");
        }
        check(n == byHash.size(), "count");
        check(byArrival.size() == n && fees.size() == n, "arrival index or fee histogram");
        check(b == bytes, "bytes");
        check(headCount == heads.size(), "stray heads");
        check(senders.size() == tails.size(), "stray tails");
        check(n <= limits.maxTxs(), "count above bound");
        check(b <= limits.maxBytes(), "bytes above bound");
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("mempool invariant broken: " + what);
    }

    private static Admission reject(AdmissionCode code, Hash hash, String message) {
        return new Admission(code, message, hash, List.of());
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
