package io.reactiveledger.core.tx;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;

/** Decodes the payload that follows its tag byte. */
final class PayloadCodec {
    private PayloadCodec() {
    }

    static Payload read(ByteReader r) throws DecodeException {
        int at = r.position();
        int tag = r.u8("payload.type");
        return switch (tag) {
            case Transfer.TAG -> {
                Address to = Address.of(r.fixed(Address.SIZE, "transfer.to"));
                long amount = positive(r, "transfer.amount");
                yield new Transfer(to, amount);
            }
            case CreateAuction.TAG -> {
                int itemAt = r.position();
                String item = r.utf8_16(CreateAuction.MAX_ITEM_BYTES, "auction.item");
                long startPrice = positive(r, "auction.startPrice");
                long endTime = r.nonNegative64("auction.endTime");
                long minIncrement = positive(r, "auction.minIncrement");
                try {
                    yield new CreateAuction(item, startPrice, endTime, minIncrement);
                } catch (IllegalArgumentException e) {
                    throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "auction.item", itemAt, e.getMessage());
                }
            }
            case Bid.TAG -> new Bid(positive(r, "bid.auctionId"), positive(r, "bid.amount"));
            case EndAuction.TAG -> new EndAuction(positive(r, "endAuction.auctionId"));
            case Withdraw.TAG -> new Withdraw(positive(r, "withdraw.auctionId"));
            case PredictionRecorded.TAG -> {
                int start = r.position();
                long auctionId = positive(r, "prediction.auctionId");
                long price = positive(r, "prediction.price");
                long low = r.nonNegative64("prediction.low");
                long high = r.nonNegative64("prediction.high");
                long end = r.nonNegative64("prediction.expectedEnd");
                int confidence = r.u16("prediction.confidenceBp");
                try {
                    yield new PredictionRecorded(auctionId, price, low, high, end, confidence);
                } catch (IllegalArgumentException e) {
                    throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "prediction", start, e.getMessage());
                }
            }
            default -> throw new DecodeException(DecodeError.UNKNOWN_PAYLOAD, "payload.type", at,
                    "unknown payload type 0x" + Integer.toHexString(tag));
        };
    }

    private static long positive(ByteReader r, String field) throws DecodeException {
        int at = r.position();
        long v = r.nonNegative64(field);
        if (v == 0) throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, field, at, "must be positive");
        return v;
    }
}
