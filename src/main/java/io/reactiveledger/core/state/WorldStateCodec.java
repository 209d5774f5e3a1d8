package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Committed;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.MerkleMap;
import io.reactiveledger.core.tx.ChainId;
import java.nio.charset.StandardCharsets;

/**
 * Canonical bytes of a whole {@link WorldState}, for snapshots. Entries are written in trie-key order
 * (keys are not stored: each is derived from its entry):
 * <pre>
 *   u8 version = 1 | u32 entry count | per entry: u8 kind, then
 *     kind 1 (meta):     u8 len + chain id | u64 next contract id | u64 total supply
 *     kind 2 (account):  [20] address | u64 balance | u64 next nonce
 *     kind 3 (contract): u64 id | u16 len + UTF-8 type | u64 balance | u32 len + state ({@link ContractStateCodec})
 *     kind 4 (oracle):   [20] address | u64 recorded | u64 scored | u64 sum of APE bp | u64 hits
 *     kind 5 (auction predictions): u64 auction id | u8 settled | u64 final price | u16 count | per prediction:
 *                        [20] oracle | u64 height | u64 price | u64 low | u64 high | u64 expected end | u16 confidence bp
 *                        | u64 APE bp | u8 hit
 * </pre>
 * Decoding refuses entries out of key order, duplicates and a missing meta entry, so only the
 * canonical encoding decodes, and the decoded state has the same root.
 */
public final class WorldStateCodec {
    public static final int VERSION = 1;
    static final int MAX_CONTRACT_STATE_BYTES = 256 * 1024 * 1024;
    private static final int MIN_ENTRY_BYTES = 1 + Address.SIZE + 16;

    private WorldStateCodec() {
    }

    public static byte[] encode(WorldState state) {
        ByteWriter w = new ByteWriter(64 + state.entryCount() * 48);
        w.u8(VERSION).u32(state.entryCount());
        state.forEachEntry((k, v) -> writeEntry(v, w));
        return w.toByteArray();
    }

    private static void writeEntry(Committed v, ByteWriter w) {
        if (v instanceof ChainMeta m) {
            w.u8(1).ascii8(m.chainId()).u64(m.nextContractId()).u64(m.totalSupply());
        } else if (v instanceof Account a) {
            w.u8(2).bytes(a.address().bytes()).u64(a.balance()).u64(a.nextNonce());
        } else if (v instanceof ContractInstance c) {
            byte[] state = ContractStateCodec.encode(c.type(), c.state());
            w.u8(3).u64(c.id()).utf8_16(c.type()).u64(c.balance()).bytes32(state);
        } else if (v instanceof OracleTrack o) {
            w.u8(4).bytes(o.oracle().bytes()).u64(o.recorded()).u64(o.scored()).u64(o.sumApeBp()).u64(o.hits());
        } else if (v instanceof AuctionPredictions p) {
            w.u8(5).u64(p.auctionId()).u8(p.settled() ? 1 : 0).u64(p.finalPrice()).u16(p.predictions().size());
            for (AuctionPredictions.Prediction x : p.predictions()) x.writeTo(w);
        } else {
            throw new IllegalStateException("no codec for state entry " + v.getClass());
        }
    }

    private static boolean flag(ByteReader r, String field) throws DecodeException {
        int at = r.position();
        int v = r.u8(field);
        if (v > 1) throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, field, at, "flag must be 0 or 1");
        return v == 1;
    }

    public static WorldState decode(byte[] bytes) throws DecodeException {
        if (bytes == null) throw new DecodeException(DecodeError.TRUNCATED, "worldState", 0, "no bytes");
        ByteReader r = new ByteReader(bytes);
        int version = r.u8("worldState.version");
        if (version != VERSION) {
            throw new DecodeException(DecodeError.UNSUPPORTED_VERSION, "worldState.version", 0, "version " + version);
        }
        int count = r.count32(r.remaining() / MIN_ENTRY_BYTES + 1, "worldState.count");
        MerkleMap<Committed> entries = MerkleMap.empty();
        Hash previous = null;
        boolean meta = false;
        for (int i = 0; i < count; i++) {
            int at = r.position();
            Committed entry;
            Hash key;
            int kind = r.u8("entry.kind");
            try {
                if (kind == 1) {
                    String chainId = new String(r.bytes8(1, ChainId.MAX_LENGTH, "meta.chainId"), StandardCharsets.ISO_8859_1);
                    if (!ChainId.isValid(chainId)) {
                        throw new DecodeException(DecodeError.INVALID_CHAIN_ID, "meta.chainId", at, "bad chain id");
                    }
                    entry = new ChainMeta(chainId, r.nonNegative64("meta.nextContractId"), r.nonNegative64("meta.totalSupply"));
                    key = StateKeys.META;
                    meta = true;
                } else if (kind == 2) {
                    Account a = new Account(Address.of(r.fixed(Address.SIZE, "account.address")),
                            r.nonNegative64("account.balance"), r.nonNegative64("account.nextNonce"));
                    entry = a;
                    key = StateKeys.account(a.address());
                } else if (kind == 3) {
                    long id = r.nonNegative64("contract.id");
                    String type = r.utf8_16(0xFFFF, "contract.type");
                    long balance = r.nonNegative64("contract.balance");
                    byte[] state = r.bytes32(0, MAX_CONTRACT_STATE_BYTES, "contract.state");
                    entry = new ContractInstance(id, type, balance, ContractStateCodec.decode(type, state));
                    key = StateKeys.contract(id);
                } else if (kind == 4) {
                    OracleTrack o = new OracleTrack(Address.of(r.fixed(Address.SIZE, "oracle.address")),
                            r.nonNegative64("oracle.recorded"), r.nonNegative64("oracle.scored"),
                            r.nonNegative64("oracle.sumApeBp"), r.nonNegative64("oracle.hits"));
                    entry = o;
                    key = StateKeys.oracle(o.oracle());
                } else if (kind == 5) {
                    long auctionId = r.nonNegative64("predictions.auctionId");
                    boolean settled = flag(r, "predictions.settled");
                    long finalPrice = r.nonNegative64("predictions.finalPrice");
                    int n = r.u16("predictions.count");
                    java.util.List<AuctionPredictions.Prediction> list = new java.util.ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        list.add(new AuctionPredictions.Prediction(Address.of(r.fixed(Address.SIZE, "prediction.oracle")),
                                r.nonNegative64("prediction.height"), r.nonNegative64("prediction.price"),
                                r.nonNegative64("prediction.low"), r.nonNegative64("prediction.high"),
                                r.nonNegative64("prediction.expectedEnd"), r.u16("prediction.confidenceBp"),
                                r.nonNegative64("prediction.apeBp"), flag(r, "prediction.hit")));
                    }
                    entry = new AuctionPredictions(auctionId, settled, finalPrice, list);
                    key = StateKeys.predictions(auctionId);
                } else {
                    throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "entry.kind", at, "unknown kind " + kind);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "entry", at, e.getMessage());
            }
            if (previous != null && previous.compareTo(key) >= 0) {
                throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "entry", at, "entries not in strict key order");
            }
            previous = key;
            entries = entries.put(key, entry);
        }
        r.expectEnd("worldState");
        if (!meta) throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "worldState", 0, "no chain metadata");
        return WorldState.of(entries);
    }
}
