package io.reactiveledger.llm.auction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the eBay auction data set ({@code auction.csv}: auctionid,bid,bidtime,bidder,bidderrate,openbid,price,
 * item,auction_type) into one {@link AuctionRecord} per auction, ordered by auction id.
 */
public final class AuctionCsv {
    private AuctionCsv() {
    }

    /** {@code ../shared/data/ebay-auctions/auction.csv}, else under {@code ledger.shared.dir}, else /work/shared. */
    public static Path defaultPath() {
        Path rel = Path.of("..", "shared", "data", "ebay-auctions", "auction.csv");
        if (Files.isRegularFile(rel)) {
            return rel;
        }
        String dir = System.getProperty("ledger.shared.dir", "/work/shared");
        return Path.of(dir, "data", "ebay-auctions", "auction.csv");
    }

    public static List<AuctionRecord> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("auctionid,bid,bidtime,bidder")) {
            throw new IOException(csv + " is not the eBay auction data set (unexpected header)");
        }
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 9) {
                throw new IOException("expected 9 fields: " + line);
            }
            rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
        }
        List<AuctionRecord> out = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : rows.entrySet()) {
            String[] first = e.getValue().get(0);
            List<BidEvent> bids = new ArrayList<>();
            for (String[] f : e.getValue()) {
                bids.add(new BidEvent(Double.parseDouble(f[2]), Double.parseDouble(f[1]), f[3]));
            }
            double duration = Double.parseDouble(first[8].trim().split(" ")[0]);
            out.add(new AuctionRecord(e.getKey(), first[7], duration, Double.parseDouble(first[5]),
                    Double.parseDouble(first[6]), bids));
        }
        out.sort((a, b) -> AuctionRecord.idOrder().compare(a.id(), b.id()));
        return out;
    }
}
