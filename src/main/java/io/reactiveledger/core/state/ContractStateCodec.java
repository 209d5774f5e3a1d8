package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.contract.ContractState;
import io.reactiveledger.core.contract.auction.AuctionContract;
import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.AuctionStateCodec;

/** Snapshot bytes of a contract state, chosen by the contract type's name; a new type adds a branch here. */
public final class ContractStateCodec {
    private ContractStateCodec() {
    }

    public static void writeTo(String type, ContractState state, ByteWriter w) {
        if (AuctionContract.NAME.equals(type) && state instanceof AuctionState a) {
            AuctionStateCodec.writeTo(a, w);
            return;
        }
        throw new IllegalArgumentException("no snapshot codec for contract type " + type);
    }

    public static byte[] encode(String type, ContractState state) {
        ByteWriter w = new ByteWriter(256);
        writeTo(type, state, w);
        return w.toByteArray();
    }

    public static ContractState read(String type, ByteReader r) throws DecodeException {
        if (AuctionContract.NAME.equals(type)) return AuctionStateCodec.read(r);
        throw new DecodeException(DecodeError.UNKNOWN_PAYLOAD, "contract.type", r.position(), "no codec for " + type);
    }

    public static ContractState decode(String type, byte[] bytes) throws DecodeException {
        ByteReader r = new ByteReader(bytes);
        ContractState s = read(type, r);
        r.expectEnd("contract state");
        return s;
    }
}
