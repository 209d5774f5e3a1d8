package io.reactiveledger.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.block.CommitCertificate;
import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.node.chain.ChainStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays a journal written through a ChainStore actor (blocks certified by 4 validator keys), then
 * copies of it tampered with through JDBC, one change at a time: each must fail at the right height
 * and name the right check.
 */
@Timeout(120) // a hang guard
class ReplayTest {
    @TempDir
    static Path shared;
    static ReplayJournals journals;
    static ActorTestKit serKit;
    static Serialization ser;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeJournal() throws Exception {
        journals = new ReplayJournals(shared);
        serKit = ActorTestKit.create("serialization", Replay.config(ReplayJournals.NODE, shared.resolve("unused")));
        ser = ReplayJournals.serialization(serKit);
    }

    @AfterAll
    static void stop() {
        if (serKit != null) serKit.shutdownTestKit();
    }

    private ReplaySummary replay(Path dataDir, boolean signatures, long toHeight, List<VerifiedBlock> verified) {
        return Replay.run(Replay.config(ReplayJournals.NODE, dataDir), journals.generator.genesis,
                new Replay.Options(signatures, toHeight, 2), null, verified == null ? null : verified::add);
    }

    private static void assertFails(ReplaySummary s, long height, String check) {
        assertNotNull(s.failure(), "expected a failure at height " + height);
        assertEquals(height, s.failure().height(), s.failure().message());
        assertEquals(check, s.failure().check(), s.failure().message());
        assertEquals(height - 1, s.finalHeight(), "blocks below the failure verified");
    }

    private ChainStore.BlockCommitted event(Path dataDir, long height) throws Exception {
        return ReplayJournals.decodeEvent(ser, journals.payload(dataDir, ReplayJournals.seqOfHeight(height)));
    }

    private CommittedBlock block(Path dataDir, long height) throws Exception {
        return CommittedBlock.decode(event(dataDir, height).committedBlock());
    }

    /** Rewrites block {@code height}'s event with {@code cb}, keeping the event's other fields (receipts). */
    private void replaceBlock(Path dataDir, long height, CommittedBlock cb) throws Exception {
        journals.setPayload(dataDir, ReplayJournals.seqOfHeight(height),
                ReplayJournals.encodeEvent(ser, ReplayJournals.withBlock(event(dataDir, height), cb.encode())));
    }

    @Test
    void replayVerifiesEveryBlockAndEndsInTheLiveNodesState() throws Exception {
        List<VerifiedBlock> verified = new ArrayList<>();
        ReplaySummary s = replay(journals.copy(dir), true, Long.MAX_VALUE, verified);
        assertNull(s.failure(), () -> s.failure().message());
        assertEquals(ReplayJournals.BLOCKS, s.finalHeight());
        assertEquals(ReplayJournals.BLOCKS, s.blocks());
        assertEquals((long) ReplayJournals.BLOCKS * ReplayJournals.TXS_PER_BLOCK, s.txs());
        assertEquals(ReplayJournals.BLOCKS + 1, s.events());
        assertEquals(1, s.evidenceEvents());
        assertEquals(journals.liveHead.state().root().hex(), s.stateRoot());
        assertEquals(journals.liveHead.hash().hex(), s.finalHash());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), verified.stream().map(VerifiedBlock::height).toList());
        assertTrue(verified.stream().allMatch(v -> v.result().receipts().stream().allMatch(r -> r.isSuccess())));
    }

    @Test
    void theProgressLearnsTheJournalsLengthForItsEta() throws Exception {
        List<Long> totals = new ArrayList<>();
        List<Long> events = new ArrayList<>();
        Replay.Progress p = new Replay.Progress() {
            @Override
            public void totalEvents(long n) {
                totals.add(n);
            }

            @Override
            public void update(long height, long ev, long txs, long elapsedNanos) {
                events.add(ev);
            }
        };
        ReplaySummary s = Replay.run(Replay.config(ReplayJournals.NODE, journals.copy(dir)), journals.generator.genesis,
                Replay.Options.defaults(), p, null);
        assertNull(s.failure());
        assertEquals(List.of((long) ReplayJournals.BLOCKS + 1), totals);
        assertEquals((long) ReplayJournals.BLOCKS + 1, events.get(events.size() - 1));
    }

    @Test
    void replayWithoutSignatureChecksReachesTheSameState() throws Exception {
        ReplaySummary s = replay(journals.copy(dir), false, Long.MAX_VALUE, null);
        assertNull(s.failure());
        assertEquals(journals.liveHead.state().root().hex(), s.stateRoot());
    }

    @Test
    void toHeightStopsThere() throws Exception {
        Path copy = journals.copy(dir);
        ReplaySummary s = replay(copy, true, 5, null);
        assertNull(s.failure());
        assertEquals(5, s.finalHeight());
        CommittedBlock five = block(copy, 5);
        assertEquals(five.block().hash().hex(), s.finalHash());
        assertEquals(five.block().header().stateRoot().hex(), s.stateRoot());
    }

    @Test
    void aFlippedByteInAnEventFailsAtItsHeight() throws Exception {
        Path copy = journals.copy(dir);
        long seq = ReplayJournals.seqOfHeight(5);
        byte[] payload = journals.payload(copy, seq);
        // A byte of the third transaction's signature, wherever the event's layout puts it.
        byte[] tx = block(copy, 5).block().transactions().get(2).encoded();
        int at = indexOf(payload, tx);
        assertTrue(at >= 0, "the transaction's bytes are in the event");
        payload[at + tx.length - 10] ^= 0x01;
        journals.setPayload(copy, seq, payload);
        assertFails(replay(copy, true, Long.MAX_VALUE, null), 5, Checks.TX_ROOT);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    @Test
    void tamperedPersistedReceiptsFailTheReceiptsCheck() throws Exception {
        Path copy = journals.copy(dir);
        ChainStore.BlockCommitted five = event(copy, 5);
        byte[] receipts = ReplayJournals.receipts(five);
        org.junit.jupiter.api.Assertions.assertNotNull(receipts, "the chain store persists receipts with every block");
        byte[] tampered = receipts.clone();
        tampered[tampered.length - 1] ^= 0x01;
        journals.setPayload(copy, ReplayJournals.seqOfHeight(5),
                ReplayJournals.encodeEvent(ser, ReplayJournals.withReceipts(five, tampered)));
        assertFails(replay(copy, true, Long.MAX_VALUE, null), 5, Checks.RECEIPTS);
    }

    @Test
    void aFlippedByteInTheCborFramingFailsAsUndecodableEvent() throws Exception {
        Path copy = journals.copy(dir);
        long seq = ReplayJournals.seqOfHeight(5);
        byte[] payload = journals.payload(copy, seq);
        payload[0] ^= 0x20; // the CBOR map header
        journals.setPayload(copy, seq, payload);
        assertFails(replay(copy, true, Long.MAX_VALUE, null), 5, Checks.EVENT_DECODE);
    }

    @Test
    void aDeletedBlockEventFailsAtItsHeight() throws Exception {
        Path copy = journals.copy(dir);
        journals.delete(copy, ReplayJournals.seqOfHeight(5));
        ReplaySummary s = replay(copy, true, Long.MAX_VALUE, null);
        assertFails(s, 5, Checks.SEQUENCE);
        assertTrue(s.failure().found().contains("1 event(s) missing"), s.failure().message());
    }

    @Test
    void aDeletedEvidenceEventIsFoundToo() throws Exception {
        Path copy = journals.copy(dir);
        journals.delete(copy, ReplayJournals.EVIDENCE_AFTER + 1);
        assertFails(replay(copy, true, Long.MAX_VALUE, null), ReplayJournals.EVIDENCE_AFTER + 1, Checks.SEQUENCE);
    }

    @Test
    void swappedEventsFailAtTheFirstOfThem() throws Exception {
        Path copy = journals.copy(dir);
        long a = ReplayJournals.seqOfHeight(5);
        long b = ReplayJournals.seqOfHeight(6);
        byte[] pa = journals.payload(copy, a);
        byte[] pb = journals.payload(copy, b);
        journals.setPayload(copy, a, pb);
        journals.setPayload(copy, b, pa);
        ReplaySummary s = replay(copy, true, Long.MAX_VALUE, null);
        assertFails(s, 5, Checks.HEIGHT);
        assertTrue(s.failure().found().startsWith("block 6"), s.failure().message());
    }

    @Test
    void aReplacedCertificateSignatureFailsAtItsHeight() throws Exception {
        Path copy = journals.copy(dir);
        CommittedBlock cb = block(copy, 5);
        KeyPair v0 = journals.generator.validatorKeys.get(0);
        // A real signature of validator 0, but over another round's precommit: valid bytes, wrong message.
        byte[] other = v0.sign(VoteSignBytes.of(journals.generator.genesis.chainId(), VoteType.PRECOMMIT, 5, 1, cb.block().hash()));
        List<CommitSignature> sigs = new ArrayList<>();
        for (CommitSignature s : cb.certificate().signatures()) {
            sigs.add(s.validator().equals(v0.address()) ? new CommitSignature(s.validator(), other) : s);
        }
        replaceBlock(copy, 5, new CommittedBlock(cb.block(), new CommitCertificate(5, 0, cb.block().hash(), sigs)));

        ReplaySummary s = replay(copy, true, Long.MAX_VALUE, null);
        assertFails(s, 5, Checks.CERTIFICATE);
        assertTrue(s.failure().found().contains("bad precommit signature from " + v0.address()), s.failure().message());
        // Without signature checks the forged signature goes unnoticed (quorum and membership still hold).
        assertNull(replay(copy, false, Long.MAX_VALUE, null).failure());
    }

    @Test
    void aShortCertificateFailsEvenWithoutSignatureChecks() throws Exception {
        Path copy = journals.copy(dir);
        CommittedBlock cb = block(copy, 5);
        List<CommitSignature> two = cb.certificate().signatures().subList(0, 2);
        replaceBlock(copy, 5, new CommittedBlock(cb.block(), new CommitCertificate(5, 0, cb.block().hash(), two)));
        for (boolean signatures : new boolean[] {true, false}) {
            ReplaySummary s = replay(copy, signatures, Long.MAX_VALUE, null);
            assertFails(s, 5, Checks.CERTIFICATE);
            assertTrue(s.failure().found().contains("signers hold 2 of 4"), s.failure().message());
        }
    }
}
