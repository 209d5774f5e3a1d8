package io.reactiveledger.core.state;

import io.reactiveledger.core.contract.Event;
import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.AuctionStatus;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.tx.PredictionRecorded;
import java.util.ArrayList;
import java.util.List;

/**
 * Predictions on chain (pure, deterministic, integers only). Recording: the sender must be an oracle listed in
 * genesis, the auction must exist and still be open (block time before its end), and an oracle records at most
 * {@link AuctionPredictions#MAX_PER_ORACLE} predictions per auction. Settling, when the auction ends: each
 * prediction's absolute percentage error and interval hit go into its oracle's {@link OracleTrack}.
 */
final class OracleRules {
    static final String NOT_AN_ORACLE = "NOT_AN_ORACLE";
    static final String NOT_AN_AUCTION = "NOT_AN_AUCTION";
    static final String AUCTION_CLOSED = "PREDICTION_AUCTION_CLOSED";
    static final String PREDICTION_LIMIT = "PREDICTION_LIMIT";

    /** A failure: {@code code} and {@code message}; success: {@code code} null and the event. */
    record Result(String code, String message, List<Event> events) {
    }

    private OracleRules() {
    }

    static Result record(Overlay s, BlockContext ctx, Address sender, PredictionRecorded p) {
        OracleTrack track = (OracleTrack) s.other(StateKeys.oracle(sender));
        if (track == null) return fail(NOT_AN_ORACLE, sender + " is not an oracle listed in genesis");
        ContractInstance c = s.contract(p.auctionId());
        if (c == null || !(c.state() instanceof AuctionState a)) {
            return fail(NOT_AN_AUCTION, "no auction " + p.auctionId());
        }
        if (a.status() != AuctionStatus.OPEN || ctx.timeMs() >= a.endTimeMs()) {
            return fail(AUCTION_CLOSED, "auction " + p.auctionId() + " is closed to predictions");
        }
        AuctionPredictions list = (AuctionPredictions) s.other(StateKeys.predictions(p.auctionId()));
        if (list == null) list = AuctionPredictions.empty(p.auctionId());
        if (list.countBy(sender) >= AuctionPredictions.MAX_PER_ORACLE) {
            return fail(PREDICTION_LIMIT, "oracle " + sender + " already recorded " + AuctionPredictions.MAX_PER_ORACLE
                    + " predictions for auction " + p.auctionId());
        }
        s.putOther(StateKeys.predictions(p.auctionId()), list.with(new AuctionPredictions.Prediction(sender, ctx.height(),
                p.predictedPrice(), p.low(), p.high(), p.expectedEndMs(), p.confidenceBp(), 0, false)));
        s.putOther(StateKeys.oracle(sender), track.withRecorded());
        return new Result(null, "", List.of(Event.of("prediction.recorded", "auction", p.auctionId(), "oracle", sender,
                "price", p.predictedPrice(), "low", p.low(), "high", p.high())));
    }

    /** After a successful EndAuction of {@code auctionId}: scores its predictions once; events for each. */
    static List<Event> settle(Overlay s, long auctionId) {
        AuctionPredictions list = (AuctionPredictions) s.other(StateKeys.predictions(auctionId));
        ContractInstance c = s.contract(auctionId);
        if (list == null || list.settled() || c == null || !(c.state() instanceof AuctionState a)) return List.of();
        boolean sold = a.status() == AuctionStatus.SOLD;
        long price = sold ? a.highestBid() : 0;
        List<AuctionPredictions.Prediction> scored = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (AuctionPredictions.Prediction p : list.predictions()) {
            if (!sold || price <= 0) {
                scored.add(p);
                continue;
            }
            long ape = AuctionPredictions.apeBp(p.price(), price);
            boolean hit = p.low() <= price && price <= p.high();
            scored.add(new AuctionPredictions.Prediction(p.oracle(), p.height(), p.price(), p.low(), p.high(),
                    p.expectedEndMs(), p.confidenceBp(), ape, hit));
            OracleTrack t = (OracleTrack) s.other(StateKeys.oracle(p.oracle()));
            if (t != null) s.putOther(StateKeys.oracle(p.oracle()), t.withScore(ape, hit));
            events.add(Event.of("prediction.scored", "auction", auctionId, "oracle", p.oracle(), "apeBp", ape,
                    "hit", hit ? 1L : 0L));
        }
        s.putOther(StateKeys.predictions(auctionId), new AuctionPredictions(auctionId, true, price, scored));
        return events;
    }

    private static Result fail(String code, String message) {
        return new Result(code, message, List.of());
    }
}
