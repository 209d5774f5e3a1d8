package io.reactiveledger.core.tx;

import io.reactiveledger.core.codec.ByteWriter;

/**
 * What a transaction asks the ledger to do. Each payload has a one-byte tag in the encoding; tags not
 * listed in {@link PayloadCodec} are refused by the decoder, which leaves room for new payloads (the
 * oracle's prediction record is tag 0x10, {@link PredictionRecorded}).
 */
public sealed interface Payload permits Transfer, CreateAuction, Bid, EndAuction, Withdraw, PredictionRecorded {
    int tag();

    void writeTo(ByteWriter w);

    /** Coins the sender commits beyond the fee if this payload succeeds (used for admission checks). */
    long spendAmount();

    /** Marker for payloads that create a contract instance of a registered contract type. */
    interface ContractCreate {
        String contractType();
    }

    /** Marker for payloads that call an existing contract instance. */
    interface ContractCall {
        long contractId();
    }
}
