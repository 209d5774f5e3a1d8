package io.reactiveledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.TxBody;
import io.reactiveledger.node.JournalSchema;
import io.reactiveledger.node.LedgerNode;
import io.reactiveledger.node.NodeConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A one-validator node with its HTTP API on a free port, and a JDK HttpClient that records every
 * (method, route template, status) it sees, for the OpenAPI conformance check.
 */
final class HttpTestNode implements AutoCloseable {
    /** "METHOD /template STATUS" of every answer this node's client has seen. */
    final Set<String> exercised = new ConcurrentSkipListSet<>();

    final Genesis genesis;
    final KeyPair validatorKey;
    final List<KeyPair> users;
    final int port;
    final ActorSystem<LedgerNode.Command> system;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A one-validator chain with {@code userCount} funded users. */
    HttpTestNode(Path dir, int userCount, String extraConfig) throws IOException {
        this(dir, "node0", genesis(List.of(KeyPair.deterministic("http-validator")), users(userCount)),
                KeyPair.deterministic("http-validator"), users(userCount), extraConfig);
    }

    /** A node of {@code genesis} with this validator key; {@code extraConfig} may make it a cluster member. */
    HttpTestNode(Path dir, String name, Genesis genesis, KeyPair validatorKey, List<KeyPair> users, String extraConfig)
            throws IOException {
        this.genesis = genesis;
        this.validatorKey = validatorKey;
        this.users = users;
        this.port = freePort();
        // No model actor unless extraConfig turns it on (LlmRoutesTest): loading it costs every node seconds of CPU.
        Config overrides = ConfigFactory.parseString("""
                ledger.llm.enabled = off
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                pekko.cluster.jmx.enabled = off
                ledger.consensus.timeouts.propose = 1500ms
                ledger.consensus.empty-block-interval = 200ms
                # the model costs CPU and seconds to load: tests that need it turn it on
                ledger.llm.enabled = off
                """ + extraConfig);
        int clusterPort = overrides.hasPath("ledger.cluster.port") ? overrides.getInt("ledger.cluster.port") : 0;
        Config c = NodeConfig.of(name, dir.resolve(name), clusterPort, port, overrides);
        JournalSchema.createIfNotExists(c);
        system = ActorSystem.create(LedgerNode.create(genesis, validatorKey), "ledger", c);
        awaitUp();
    }

    static List<KeyPair> users(int count) {
        List<KeyPair> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(KeyPair.deterministic("http-user-" + i));
        return out;
    }

    static Genesis genesis(List<KeyPair> validators, List<KeyPair> users) {
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (KeyPair u : users) balances.put(u.address(), 1_000_000L);
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < validators.size(); i++) vs.add(new Validator(validators.get(i).publicKey(), 1, "node" + i));
        return new Genesis("http-test", System.currentTimeMillis() - 60_000, vs, balances);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The server binds asynchronously after the node starts. */
    private void awaitUp() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                client.send(HttpRequest.newBuilder(URI.create(url("/health"))).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("HTTP API did not come up", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    Transaction tx(int user, long nonce, long fee, Payload payload) {
        return tx(users.get(user), genesis.chainId(), nonce, fee, payload);
    }

    static Transaction tx(KeyPair from, String chainId, long nonce, long fee, Payload payload) {
        return Transaction.sign(new TxBody(chainId, from.publicKey(), nonce, fee, payload, ""), from);
    }

    record Answer(int status, String contentType, JsonNode json, String body, HttpResponse<String> raw) {
    }

    Answer get(String template, String path) {
        return send(template, HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    Answer postJson(String template, String path, String body) {
        return send(template, HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer send(String template, HttpRequest.Builder request) {
        HttpRequest req = request.timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            exercised.add(req.method() + " " + template + " " + r.statusCode());
            String ct = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (ct.contains("json")) json = Responses.JSON.readTree(r.body());
            return new Answer(r.statusCode(), ct, json, r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code GET /v1/status} until the chain has reached {@code height}. */
    void awaitHeight(long height) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Answer a = get("/v1/status", "/v1/status");
            if (a.status() == 200 && a.json().get("latestHeight").asLong() >= height) return;
            Thread.sleep(100);
        }
        throw new AssertionError("height " + height + " not reached");
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort
        }
    }
}
