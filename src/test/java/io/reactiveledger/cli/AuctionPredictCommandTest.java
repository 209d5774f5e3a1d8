package io.reactiveledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.cli.CliRun.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ledger auction predict ID} and the demo's prediction lines, against a fake node. */
class AuctionPredictCommandTest {
    static final String PREDICTION = "{\"auctionId\":\"1\",\"predictedPrice\":131.4,\"low\":101.25,\"high\":170.0,"
            + "\"expectedEndDay\":5,\"confidence\":0.62,\"basis\":{\"similar\":[{\"auctionId\":\"7\"},{\"auctionId\":\"9\"}],"
            + "\"dynamics\":{},\"candidates\":25,\"method\":\"similar completed auctions\"},"
            + "\"english\":\"The auction ends on day 5; the highest bid will reach 131\","
            + "\"chinese\":\"拍卖将在第5天结束，最高出价将达到131\"}";

    @Test
    void predictPrintsBothSentencesPriceAndInterval() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.json("GET", "/v1/auctions/1/prediction", 200, PREDICTION);
            Run r = CliRun.run("auction", "predict", "1", "--node", node.url());
            assertEquals(0, r.exit(), r.err());
            assertEquals("/v1/auctions/1/prediction", node.requests.get(0).pathAndQuery());
            assertTrue(r.out().contains("The auction ends on day 5; the highest bid will reach 131"), r.out());
            assertTrue(r.out().contains("拍卖将在第5天结束，最高出价将达到131"), r.out());
            assertTrue(r.out().contains("price        131.40 (80% interval 101.25 .. 170.00)"), r.out());
            assertTrue(r.out().contains("ends on day  5"), r.out());
            assertTrue(r.out().contains("2 similar of 25 candidates"), r.out());

            Run json = CliRun.run("auction", "predict", "1", "--node", node.url(), "--json");
            assertEquals(0, json.exit(), json.err());
            assertEquals(131.4, LedgerClient.JSON.readTree(json.out()).get("predictedPrice").asDouble());
        }
    }

    @Test
    void aNodeWithoutAModelIsAOneLineError() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.problem("GET", "/v1/auctions/2/prediction", 503, "MODEL_DISABLED", "ledger.llm.enabled = false", Map.of());
            Run r = CliRun.run("auction", "predict", "2", "--node", node.url());
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("503 MODEL_DISABLED"), r.err());
        }
    }

    @Test
    void theDemoPrintsThePredictionOrSaysWhyNot() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.json("GET", "/v1/auctions/1/prediction", 200, PREDICTION);
            node.problem("GET", "/v1/auctions/2/prediction", 503, "MODEL_DISABLED", "ledger.llm.enabled = false", Map.of());
            node.json("GET", "/v1/auctions/1/predictions", 200, "{\"auctionId\":1,\"settled\":true,\"finalPrice\":2,"
                    + "\"predictions\":[{\"oracle\":\"99c6\",\"height\":7,\"price\":3,\"low\":1,\"high\":4,"
                    + "\"expectedEndMs\":1,\"confidenceBp\":5000,\"apeBp\":5000,\"hit\":true}]}");
            node.json("GET", "/v1/oracle/accuracy", 200, "{\"height\":9,\"oracles\":[{\"oracle\":\"99c6\",\"recorded\":1,"
                    + "\"scored\":1,\"mapeBp\":5000,\"mapePercent\":50.0,\"coverageBp\":10000,\"coveragePercent\":100.0}]}");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            DemoScenario demo = new DemoScenario(List.of(node.url()), Duration.ofSeconds(1), out);
            demo.printPrediction(1);
            demo.printPrediction(2);
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("The auction ends on day 5; the highest bid will reach 131"), text);
            assertTrue(text.contains("拍卖将在第5天结束，最高出价将达到131"), text);
            assertTrue(text.contains("no prediction for auction 2: ") && text.contains("MODEL_DISABLED"), text);
            assertTrue(text.contains("predictions recorded on chain by oracles: 1"), text);
            assertTrue(text.contains("at height 7: 3 (interval 1 .. 4), error 50.0%, in the interval"), text);
            assertTrue(text.contains("oracle 99c6: 1 recorded, 1 scored, MAPE 50.00%, interval coverage 100.00%"), text);
            assertTrue(text.contains("no on-chain predictions for auction 2: "), text);
        }
    }
}
