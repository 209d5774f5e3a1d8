package io.reactiveledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.cli.CliRun.Run;
import org.junit.jupiter.api.Test;

class QueryCommandsTest {
    private static final String BLOCK = "{\"height\":%d,\"hash\":\"%s\",\"previousHash\":\"00\",\"timeMs\":1767225600000,"
            + "\"proposer\":\"13290a977a9da9d50838cccb52c3f8110fd09871\",\"txRoot\":\"aa\",\"stateRoot\":\"5151515151515151ff\","
            + "\"validatorsHash\":\"bb\",\"txCount\":%d,\"txs\":[]}";

    @Test
    void statusPrintsTheHeadAndRawJsonOnRequest() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.json("GET", "/v1/status", 200, "{\"node\":\"node-1\",\"chainId\":\"reactive-devnet\",\"latestHeight\":42,"
                    + "\"latestHash\":\"abcd\",\"stateRoot\":\"ef01\",\"latestTimeMs\":1,\"consensus\":{\"height\":43,\"round\":0,"
                    + "\"step\":\"PROPOSE\"},\"peers\":3,\"mempool\":{\"count\":2,\"bytes\":300},\"syncing\":false,\"validator\":true}");
            Run r = CliRun.run("status", "--node", node.url());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("node-1 (validator) on chain reactive-devnet"), r.out());
            assertTrue(r.out().contains("height 42, hash abcd"), r.out());
            assertTrue(r.out().contains("state root  ef01"), r.out());
            assertTrue(r.out().contains("mempool     2 txs, 300 bytes"), r.out());
            Run json = CliRun.run("status", "--node", node.url() + "/", "--json");
            assertEquals(0, json.exit(), json.err());
            assertEquals(42, LedgerClient.JSON.readTree(json.out()).get("latestHeight").asInt());
        }
    }

    @Test
    void blocksPagesWithFromAndLimit() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.json("GET", "/v1/blocks", 200, "{\"blocks\":[" + BLOCK.formatted(5, "1111111111111111aaaa", 0) + ","
                    + BLOCK.formatted(6, "2222222222222222bbbb", 3) + "],\"next\":7}");
            Run r = CliRun.run("blocks", "--from", "5", "--limit", "2", "--node", node.url());
            assertEquals(0, r.exit(), r.err());
            assertTrue(node.requests.get(0).pathAndQuery().equals("/v1/blocks?from=5&limit=2"), node.requests.get(0).pathAndQuery());
            assertTrue(r.out().contains("#5      1111111111111111"), r.out());
            assertTrue(r.out().contains("  3 txs"), r.out());
            assertTrue(r.out().contains("more: --from 7"), r.out());
            assertEquals(1, CliRun.run("blocks", "--limit", "101", "--node", node.url()).exit());
        }
    }

    @Test
    void auctionShowPrintsTheBidHistoryAndUnknownIdsAreOneLineErrors() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.json("GET", "/v1/auctions/1", 200, "{\"id\":1,\"seller\":\"95da\",\"item\":\"camera\",\"startPrice\":1,"
                    + "\"endTimeMs\":1767225600000,\"highestBid\":2,\"highestBidder\":\"918a\",\"status\":\"SOLD\",\"bids\":["
                    + "{\"bidder\":\"1329\",\"amount\":1,\"height\":4,\"timeMs\":1767225600000},"
                    + "{\"bidder\":\"918a\",\"amount\":2,\"height\":5,\"timeMs\":1767225601000}]}");
            node.problem("GET", "/v1/auctions/9", 404, "NOT_FOUND", "no auction 9", java.util.Map.of());
            Run r = CliRun.run("auction", "show", "1", "--node", node.url());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("auction 1: camera"), r.out());
            assertTrue(r.out().contains("highest bid  2 by 918a"), r.out());
            assertTrue(r.out().contains("bid      1 by 1329 at height 4"), r.out());
            Run missing = CliRun.run("auction", "show", "9", "--node", node.url());
            assertEquals(1, missing.exit());
            assertEquals("error: HTTP 404 NOT_FOUND: no auction 9 (Transaction refused)", missing.err().strip());
        }
    }
}
