package io.reactiveledger.consensus.messages;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Ed25519;
import io.reactiveledger.core.crypto.Hash;

/**
 * Canonical binary encodings of the consensus messages exchanged between validators. All integers are
 * unsigned big-endian; every message starts with {@code u8 version = 1}.
 *
 * <h2>Vote (99 bytes nil, 131 bytes non-nil)</h2>
 * <pre>
 *   offset (nil / block)  size  field
 *        0                   1  version = 1
 *        1                   1  type: 1 = prevote, 2 = precommit ({@link VoteType#code()})
 *        2                   8  height, 1 .. 2^63-1
 *       10                   4  round, 0 .. 2^31-1
 *       14                   1  0 = nil, 1 = a block hash follows
 *        - / 15             32  block hash (only when the previous byte is 1)
 *       15 / 47             20  validator address
 *       35 / 67             64  Ed25519 signature over {@code VoteSignBytes} (not verified by the decoder)
 * </pre>
 *
 * <h2>Proposal (21 + block length + 84 bytes)</h2>
 * <pre>
 *   offset  size  field
 *        0     1  version = 1
 *        1     8  height, 1 .. 2^63-1
 *        9     4  round, 0 .. 2^31-1
 *       13     4  polRound + 1: 0 means polRound = -1, otherwise polRound + 1 &le; round (polRound &lt; round)
 *       17     4  block length n, 1 .. {@link Block#MAX_BYTES}
 *       21     n  the block ({@link Block#encode()}); its header height must equal the proposal's height
 *     21+n    20  proposer address
 *     41+n    64  Ed25519 signature over {@link Proposal#signBytes(String)} (not verified by the decoder)
 * </pre>
 *
 * <h2>Evidence</h2>
 * <pre>
 *   u8 version = 1 | u8 kind | first message | second message
 * </pre>
 * Kind 1 ({@link Evidence.DuplicateVote}): two vote encodings as above; the votes must conflict (same
 * validator, type, height and round, different block hash or nil). Kind 2
 * ({@link Evidence.ConflictingProposals}): two proposal encodings as above; same proposer, height and
 * round, different block hashes. Each inner message carries its own version byte and is self-delimiting.
 * The order of the two messages is kept as given (it is not normalised).
 *
 * <h2>Decoding</h2>
 * Decoders take untrusted bytes and fail only with {@link DecodeException}: {@code TRUNCATED},
 * {@code TRAILING_BYTES}, {@code UNSUPPORTED_VERSION}, {@code UNKNOWN_PAYLOAD} (unknown evidence kind),
 * {@code LENGTH_OUT_OF_RANGE} (block length), {@code VALUE_OUT_OF_RANGE} (vote type, nil flag, height 0 or
 * &ge; 2^63, round &gt; 2^31-1, polRound not below round, block height mismatch, evidence that does not
 * conflict), {@code TOO_LARGE}, and the block and transaction decoders' own errors. Every length is checked
 * against its limit and the bytes left before anything is allocated. Decoding is canonical: a decoded
 * message re-encodes to exactly its input. Signatures are only parsed; callers verify them with
 * {@link Vote#verify} / {@link Proposal#verify} against the validator set.
 */
public final class ConsensusCodec {
    public static final int VERSION = 1;

    public static final int EVIDENCE_DUPLICATE_VOTE = 1;
    public static final int EVIDENCE_CONFLICTING_PROPOSALS = 2;

    /** Size of a nil vote's encoding. */
    public static final int NIL_VOTE_BYTES = 1 + 1 + 8 + 4 + 1 + Address.SIZE + Ed25519.SIGNATURE_SIZE;
    /** Size of a vote for a block. */
    public static final int VOTE_BYTES = NIL_VOTE_BYTES + Hash.SIZE;
    /** Bytes before the block in a proposal: version, height, round, polRound + 1, block length. */
    static final int PROPOSAL_PREFIX_BYTES = 1 + 8 + 4 + 4 + 4;
    /** Bytes after the block in a proposal: proposer and signature. */
    static final int PROPOSAL_SUFFIX_BYTES = Address.SIZE + Ed25519.SIGNATURE_SIZE;
    public static final int MAX_PROPOSAL_BYTES = PROPOSAL_PREFIX_BYTES + Block.MAX_BYTES + PROPOSAL_SUFFIX_BYTES;
    public static final int MAX_EVIDENCE_BYTES = 2 + 2 * MAX_PROPOSAL_BYTES;

    private ConsensusCodec() {
    }

    // ------------------------------------------------------------------------------------- encoding

    public static byte[] encode(Vote vote) {
        ByteWriter w = new ByteWriter(VOTE_BYTES);
        writeVote(w, vote);
        return w.toByteArray();
    }

    /** @throws IllegalArgumentException if the block's encoding exceeds {@link Block#MAX_BYTES} (it could not be decoded) */
    public static byte[] encode(Proposal proposal) {
        byte[] block = proposal.block().encode();
        ByteWriter w = new ByteWriter(PROPOSAL_PREFIX_BYTES + block.length + PROPOSAL_SUFFIX_BYTES);
        writeProposal(w, proposal, block);
        return w.toByteArray();
    }

    public static byte[] encode(Evidence evidence) {
        if (evidence instanceof Evidence.DuplicateVote d) {
            ByteWriter w = new ByteWriter(2 + 2 * VOTE_BYTES).u8(VERSION).u8(EVIDENCE_DUPLICATE_VOTE);
            writeVote(w, d.first());
            writeVote(w, d.second());
            return w.toByteArray();
        }
        Evidence.ConflictingProposals c = (Evidence.ConflictingProposals) evidence;
        byte[] first = c.first().block().encode();
        byte[] second = c.second().block().encode();
        ByteWriter w = new ByteWriter(2 + 2 * (PROPOSAL_PREFIX_BYTES + PROPOSAL_SUFFIX_BYTES) + first.length + second.length)
                .u8(VERSION).u8(EVIDENCE_CONFLICTING_PROPOSALS);
        writeProposal(w, c.first(), first);
        writeProposal(w, c.second(), second);
        return w.toByteArray();
    }

    private static void writeVote(ByteWriter w, Vote v) {
        w.u8(VERSION).u8(v.type().code()).u64(v.height()).u32(v.round());
        if (v.blockHash() == null) w.u8(0);
        else w.u8(1).bytes(v.blockHash().bytes());
        w.bytes(v.validator().bytes()).bytes(v.signature());
    }

    private static void writeProposal(ByteWriter w, Proposal p, byte[] block) {
        if (block.length > Block.MAX_BYTES) {
            throw new IllegalArgumentException("block encoding of " + block.length + " bytes exceeds " + Block.MAX_BYTES);
        }
        w.u8(VERSION).u64(p.height()).u32(p.round()).u32(p.polRound() + 1L)
                .bytes32(block).bytes(p.proposer().bytes()).bytes(p.signature());
    }

    // ------------------------------------------------------------------------------------- decoding

    public static Vote decodeVote(byte[] bytes) throws DecodeException {
        if (bytes == null) throw new DecodeException(DecodeError.TRUNCATED, "vote", 0, "no bytes");
        ByteReader r = new ByteReader(bytes);
        Vote v = readVote(r, "vote.");
        r.expectEnd("vote");
        return v;
    }

    public static Proposal decodeProposal(byte[] bytes) throws DecodeException {
        if (bytes == null) throw new DecodeException(DecodeError.TRUNCATED, "proposal", 0, "no bytes");
        if (bytes.length > MAX_PROPOSAL_BYTES) {
            throw new DecodeException(DecodeError.TOO_LARGE, "proposal", 0, bytes.length + " bytes exceeds " + MAX_PROPOSAL_BYTES);
        }
        ByteReader r = new ByteReader(bytes);
        Proposal p = readProposal(r, "proposal.");
        r.expectEnd("proposal");
        return p;
    }

    public static Evidence decodeEvidence(byte[] bytes) throws DecodeException {
        if (bytes == null) throw new DecodeException(DecodeError.TRUNCATED, "evidence", 0, "no bytes");
        if (bytes.length > MAX_EVIDENCE_BYTES) {
            throw new DecodeException(DecodeError.TOO_LARGE, "evidence", 0, bytes.length + " bytes exceeds " + MAX_EVIDENCE_BYTES);
        }
        ByteReader r = new ByteReader(bytes);
        readVersion(r, "evidence.version");
        int kindAt = r.position();
        int kind = r.u8("evidence.kind");
        Evidence e;
        switch (kind) {
            case EVIDENCE_DUPLICATE_VOTE -> {
                Vote first = readVote(r, "evidence.first.");
                int secondAt = r.position();
                Vote second = readVote(r, "evidence.second.");
                if (!first.conflictsWith(second)) {
                    throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "evidence.second", secondAt,
                            "votes do not conflict (need same validator, type, height and round, different block)");
                }
                e = new Evidence.DuplicateVote(first, second);
            }
            case EVIDENCE_CONFLICTING_PROPOSALS -> {
                Proposal first = readProposal(r, "evidence.first.");
                int secondAt = r.position();
                Proposal second = readProposal(r, "evidence.second.");
                if (!first.proposer().equals(second.proposer()) || first.height() != second.height()
                        || first.round() != second.round() || first.blockHash().equals(second.blockHash())) {
                    throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "evidence.second", secondAt,
                            "proposals do not conflict (need same proposer, height and round, different block)");
                }
                e = new Evidence.ConflictingProposals(first, second);
            }
            default -> throw new DecodeException(DecodeError.UNKNOWN_PAYLOAD, "evidence.kind", kindAt,
                    "unknown evidence kind " + kind);
        }
        r.expectEnd("evidence");
        return e;
    }

    private static void readVersion(ByteReader r, String field) throws DecodeException {
        int at = r.position();
        int version = r.u8(field);
        if (version != VERSION) {
            throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, field, at, "unsupported version " + version);
        }
    }

    private static long readHeight(ByteReader r, String field) throws DecodeException {
        int at = r.position();
        long height = r.u64(field);
        if (height < 1) { // 0, or >= 2^63 read as a negative long
            throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, field, at, "height must be in [1, 2^63)");
        }
        return height;
    }

    private static int readRound(ByteReader r, String field) throws DecodeException {
        int at = r.position();
        long round = r.u32(field);
        if (round > Integer.MAX_VALUE) {
            throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, field, at, "round " + round + " exceeds 2^31-1");
        }
        return (int) round;
    }

    private static Vote readVote(ByteReader r, String prefix) throws DecodeException {
        readVersion(r, prefix + "version");
        int typeAt = r.position();
        int code = r.u8(prefix + "type");
        VoteType type = null;
        for (VoteType t : VoteType.values()) {
            if (t.code() == code) type = t;
        }
        if (type == null) {
            throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, prefix + "type", typeAt, "unknown vote type " + code);
        }
        long height = readHeight(r, prefix + "height");
        int round = readRound(r, prefix + "round");
        int flagAt = r.position();
        int flag = r.u8(prefix + "hasBlock");
        Hash blockHash;
        if (flag == 0) {
            blockHash = null;
        } else if (flag == 1) {
            blockHash = Hash.of(r.fixed(Hash.SIZE, prefix + "blockHash"));
        } else {
            throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, prefix + "hasBlock", flagAt,
                    "nil flag must be 0 or 1, got " + flag);
        }
        Address validator = Address.of(r.fixed(Address.SIZE, prefix + "validator"));
        byte[] signature = r.fixed(Ed25519.SIGNATURE_SIZE, prefix + "signature");
        return new Vote(type, height, round, blockHash, validator, signature);
    }

    private static Proposal readProposal(ByteReader r, String prefix) throws DecodeException {
        readVersion(r, prefix + "version");
        int heightAt = r.position();
        long height = readHeight(r, prefix + "height");
        int round = readRound(r, prefix + "round");
        int polAt = r.position();
        long polPlusOne = r.u32(prefix + "polRound");
        if (polPlusOne > round) {
            throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, prefix + "polRound", polAt,
                    "polRound " + (polPlusOne - 1) + " must be -1 or below the round " + round);
        }
        int lengthAt = r.position();
        // Checked against Block.MAX_BYTES and then against the bytes left before the copy is made.
        byte[] raw = r.bytes32(1, Block.MAX_BYTES, prefix + "block");
        int blockAt = lengthAt + 4;
        Block block;
        try {
            block = Block.decode(raw);
        } catch (DecodeException e) {
            String field = e.field().startsWith("block") ? e.field() : "block." + e.field();
            throw new DecodeException(e.error(), prefix + field, blockAt + e.offset(), e.getMessage());
        }
        if (block.height() != height) {
            throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, prefix + "block.header.height", heightAt,
                    "block height " + block.height() + " differs from proposal height " + height);
        }
        Address proposer = Address.of(r.fixed(Address.SIZE, prefix + "proposer"));
        byte[] signature = r.fixed(Ed25519.SIGNATURE_SIZE, prefix + "signature");
        return new Proposal(height, round, (int) (polPlusOne - 1), block, proposer, signature);
    }
}
