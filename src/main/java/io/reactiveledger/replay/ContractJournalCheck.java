package io.reactiveledger.replay;

import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.contract.ContractState;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.state.ContractStateCodec;
import io.reactiveledger.core.tx.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks the contract instances' own journals against the re-executed chain ({@link ContractCalls}), up
 * to the height the chain verified. Each journal, fed in sequence order, must hold the contract's
 * successful transactions of the chain in chain order, from its create (or from an {@code Adopted} state,
 * which must equal the chain's state of the contract at its height) on: same height, tx index, tx hash,
 * signed tx bytes and block time, the state commitment the re-execution reached after that call, and the
 * same events. A missing call (in the middle), an extra or forged call, a wrong commitment or an
 * undecodable event fail {@link Checks#CONTRACT_JOURNAL}, naming the contract. A journal that ends before
 * the chain's last call of its contract is behind (instances catch up asynchronously): a warning, not a
 * failure. Pure and single-threaded.
 */
public final class ContractJournalCheck {
    private static final HexFormat HEX = HexFormat.of();

    private final ContractCalls chain;
    private final long verifiedHeight;
    private final boolean chainComplete;
    private final List<String> warnings = new ArrayList<>();
    private long journals;
    private long events;
    private ReplayFailure failure;

    /**
     * @param verifiedHeight the chain's last verified height: journal events above it are not checked
     * @param chainComplete  the whole chain journal verified (no failure, no --to-height): a contract
     *                       event above its head is then an extra call, not one the replay did not reach
     */
    public ContractJournalCheck(ContractCalls chain, long verifiedHeight, boolean chainComplete) {
        this.chain = chain;
        this.verifiedHeight = verifiedHeight;
        this.chainComplete = chainComplete;
    }

    public long verifiedHeight() {
        return verifiedHeight;
    }

    public Journal journal(long contractId) {
        return new Journal(contractId);
    }

    /** A contract journal under the node's prefix whose id is not a contract id at all. */
    public void foreignJournal(String persistenceId) {
        fail(new ReplayFailure(0, Checks.CONTRACT_JOURNAL, "contract journals named <prefix><contract id>",
                "the journal " + persistenceId));
    }

    /** The earliest (lowest height) failure of all journals checked. */
    public Optional<ReplayFailure> failure() {
        return Optional.ofNullable(failure);
    }

    public long journals() {
        return journals;
    }

    public long events() {
        return events;
    }

    /** Journals behind the chain (allowed at the tail), one line each. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void fail(ReplayFailure f) {
        if (failure == null || f.height() < failure.height()) failure = f;
    }

    private static String hex(byte[] b) {
        return b == null ? "nothing" : HEX.formatHex(b);
    }

    /** One contract's journal; feed it every event in order, then {@link #finish()}. */
    public final class Journal {
        private final long id;
        private final String name;
        private final String type;
        private final List<ContractCalls.Expected> calls;
        private int next;
        private long lastSeq;
        private long count;
        private long lastHeight;
        private boolean beyond;
        private ReplayFailure failed;

        private Journal(long id) {
            this.id = id;
            this.name = "contract " + id;
            ContractCalls.Contract c = chain.contracts().get(id);
            this.type = c == null ? null : c.type();
            List<ContractCalls.Expected> all = c == null ? List.of() : c.calls();
            int n = 0;
            while (n < all.size() && all.get(n).height() <= verifiedHeight) n++;
            this.calls = all.subList(0, n);
        }

        /** Checks the next event; after a failure or past the verified height the rest is ignored. */
        public void accept(ContractJournalEntry e) {
            if (failed != null || beyond) return;
            if (e.kind() == ContractJournalEntry.Kind.UNREADABLE) {
                failed = new ReplayFailure(nextHeight(), Checks.CONTRACT_JOURNAL, name + ": a readable event after sequence number "
                        + lastSeq, e.error());
                return;
            }
            count++;
            if (e.kind() == ContractJournalEntry.Kind.OTHER) {
                failed = new ReplayFailure(nextHeight(), Checks.CONTRACT_JOURNAL, name + ": a CallApplied or Adopted event",
                        e.error() + " (sequence number " + e.sequenceNr() + ")");
                return;
            }
            if (e.height() > verifiedHeight) {
                if (chainComplete) {
                    failed = new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, name + ": nothing above the chain's head "
                            + verifiedHeight, describe(e) + " above it");
                } else {
                    beyond = true; // the replay stopped below: not checked
                }
                return;
            }
            failed = e.kind() == ContractJournalEntry.Kind.CALL ? call(e) : adopted(e);
            if (failed == null && e.sequenceNr() != lastSeq + 1) {
                failed = new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, name + ": journal sequence number " + (lastSeq + 1),
                        e.sequenceNr() + " (" + describe(e) + ")");
            }
            lastSeq = e.sequenceNr();
            lastHeight = e.height();
        }

        private ReplayFailure call(ContractJournalEntry e) {
            if (next >= calls.size()) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, name + ": no further call (the chain has "
                        + calls.size() + (type == null ? ", it never creates this contract" : " up to height " + verifiedHeight) + ")",
                        describe(e));
            }
            ContractCalls.Expected x = calls.get(next);
            int order = Long.compare(e.height(), x.height()) != 0 ? Long.compare(e.height(), x.height())
                    : Integer.compare(e.txIndex(), x.txIndex());
            if (order > 0) {
                return new ReplayFailure(x.height(), Checks.CONTRACT_JOURNAL, name + ": its call at " + x.where() + ", tx hash "
                        + x.txHash().hex(), "no such event: the journal goes on with " + describe(e));
            }
            if (order < 0) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, name + ": its next call at " + x.where()
                        + ", tx hash " + x.txHash().hex(), describe(e) + ", which the chain does not have there");
            }
            String at = name + " at " + x.where() + ": ";
            if (!Arrays.equals(e.txHash(), x.txHash().bytes())) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, at + "tx hash " + x.txHash().hex(),
                        "tx hash " + hex(e.txHash()) + " (sequence number " + e.sequenceNr() + ")");
            }
            String txProblem = txProblem(e.tx(), x.txHash());
            if (txProblem != null) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, at + "the signed transaction " + x.txHash().hex(), txProblem);
            }
            if (e.blockTimeMs() != x.blockTimeMs()) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, at + "block time " + x.blockTimeMs(),
                        "block time " + e.blockTimeMs());
            }
            if (!Arrays.equals(e.stateHash(), x.commitment().bytes())) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, at + "state commitment " + x.commitment().hex()
                        + " after the call", hex(e.stateHash()) + " (sequence number " + e.sequenceNr() + ")");
            }
            if (e.events() == null || !Sha256.hash(e.events()).equals(x.eventsHash())) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, at + "the call's events, SHA-256 " + x.eventsHash().hex(),
                        e.events() == null ? "none" : "SHA-256 " + Sha256.hash(e.events()).hex());
            }
            next++;
            return null;
        }

        private ReplayFailure adopted(ContractJournalEntry e) {
            int upTo = next;
            while (upTo < calls.size() && calls.get(upTo).height() <= e.height()) upTo++;
            if (upTo == 0) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, name + ": a contract that exists at height " + e.height(),
                        "an Adopted state, but the chain " + (calls.isEmpty() ? "has no such contract up to height " + verifiedHeight
                        : "creates it at height " + calls.get(0).height()));
            }
            if (next > 0 && calls.get(next - 1).height() > e.height()) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, name + ": events in chain order",
                        "an Adopted state of height " + e.height() + " after the call at " + calls.get(next - 1).where());
            }
            ContractCalls.Expected x = calls.get(upTo - 1);
            if (!Arrays.equals(e.stateHash(), x.commitment().bytes())) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, name + ": the chain's state commitment "
                        + x.commitment().hex() + " at height " + e.height(), "an Adopted state with commitment " + hex(e.stateHash()));
            }
            try {
                ContractState s = ContractStateCodec.decode(type, e.state());
                if (!s.commitment().equals(x.commitment())) {
                    return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, name + ": an Adopted state committing to "
                            + x.commitment().hex(), "state bytes committing to " + s.commitment().hex());
                }
            } catch (DecodeException | RuntimeException ex) {
                return new ReplayFailure(e.height(), Checks.CONTRACT_JOURNAL, name + ": a decodable " + type + " state",
                        ex.getMessage());
            }
            next = upTo;
            return null;
        }

        private static String txProblem(byte[] tx, Hash want) {
            try {
                Hash got = Transaction.decode(tx).hash();
                return got.equals(want) ? null : "a transaction with hash " + got.hex();
            } catch (DecodeException | RuntimeException ex) {
                return "undecodable bytes: " + ex.getMessage();
            }
        }

        private String describe(ContractJournalEntry e) {
            if (e.kind() == ContractJournalEntry.Kind.ADOPTED) {
                return "an Adopted state of height " + e.height() + " (sequence number " + e.sequenceNr() + ")";
            }
            return "a call at height " + e.height() + " tx " + e.txIndex() + ", tx hash " + hex(e.txHash())
                    + " (sequence number " + e.sequenceNr() + ")";
        }

        private long nextHeight() {
            return next < calls.size() ? calls.get(next).height() : Math.max(verifiedHeight, 1);
        }

        /** Ends this journal: its failure or its lag is added to the check. */
        public void finish() {
            if (count > 0) journals++;
            events += count;
            if (failed != null) {
                fail(failed);
                return;
            }
            if (next < calls.size()) {
                ContractCalls.Expected first = calls.get(next);
                warnings.add(name + " (" + type + "): journal behind the chain: " + (calls.size() - next)
                        + " call(s) from " + first.where() + " to height " + calls.get(calls.size() - 1).height()
                        + " not journaled" + (count == 0 ? " (no journal)" : " (last journaled height " + lastHeight + ")"));
            }
        }
    }
}
