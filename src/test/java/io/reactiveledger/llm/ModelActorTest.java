package io.reactiveledger.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.node.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ModelActor} with the real model and with stalled / failing model stand-ins. */
class ModelActorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    ActorTestKit kit;

    @BeforeEach
    void start() throws Exception {
        Path dataDir = Files.createTempDirectory("model-actor");
        kit = ActorTestKit.create("model", NodeConfig.of("model", dataDir, 0, 0));
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    private ModelActor.Status status(ActorRef<ModelActor.Command> model) {
        TestProbe<ModelActor.Status> probe = kit.createTestProbe();
        model.tell(new ModelActor.GetStatus(probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    @Test
    void realModelEmbedsAndReportsLoaded() {
        ActorRef<ModelActor.Command> model = kit.spawn(ModelActor.create(ModelSettings.defaults(),
                new ProposalScorer(ProposalScorer.Policy.defaults())));
        TestProbe<ModelActor.Reply> probe = kit.createTestProbe();
        model.tell(new ModelActor.Embed(List.of("rent for May", "monthly rent payment", "claim your free airdrop"),
                Duration.ofSeconds(20), probe.ref()));
        ModelActor.Embedded e = assertInstanceOf(ModelActor.Embedded.class, probe.receiveMessage(WAIT));
        assertTrue(Vectors.dot(e.vectors()[0], e.vectors()[1]) > Vectors.dot(e.vectors()[0], e.vectors()[2]));
        ModelActor.Status s = status(model);
        assertTrue(s.loaded() && !s.degraded(), s.toString());
        assertEquals(1, s.served());
        assertTrue(s.cacheEntries() > 3, "exemplars and texts cached");
    }

    @Test
    void whileLoadingConsensusRequestsAreRefusedAtOnceAndOthersWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TextEmbedder stalled = new FakeEmbedder(release); // the loader embeds the exemplars, which stalls
        ActorRef<ModelActor.Command> model = kit.spawn(ModelActor.create(ModelSettings.defaults(),
                new ProposalScorer(ProposalScorer.Policy.defaults()), () -> stalled));
        TestProbe<ModelActor.Reply> probe = kit.createTestProbe();
        model.tell(new ModelActor.Score(List.of(), io.reactiveledger.core.crypto.KeyPair.deterministic("p").address(),
                null, Duration.ofSeconds(60), probe.ref()));
        ModelActor.Refused loading = assertInstanceOf(ModelActor.Refused.class, probe.receiveMessage(WAIT));
        assertEquals(ModelActor.RefusalKind.UNAVAILABLE, loading.kind());
        assertTrue(loading.message().contains("loading"), loading.message());
        model.tell(new ModelActor.Embed(List.of("a"), Duration.ofSeconds(60), probe.ref())); // waits for the model
        assertTrue(status(model).degraded(), "not loaded yet");
        assertEquals(1, status(model).queueDepth());
        release.countDown();
        assertInstanceOf(ModelActor.Embedded.class, probe.receiveMessage(WAIT));
    }

    @Test
    void fullQueueAnswersOverloadedAndDeadlineAnswersTimedOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TextEmbedder stallOnMarker = new FakeEmbedder(new CountDownLatch(0)) {
            @Override
            public float[][] embed(List<String> texts) {
                if (texts.contains("STALL")) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.embed(texts);
            }
        };
        ActorRef<ModelActor.Command> model = kit.spawn(ModelActor.create(ModelSettings.defaults().withQueue(2),
                new ProposalScorer(ProposalScorer.Policy.defaults()), () -> stallOnMarker));
        TestProbe<ModelActor.Reply> probe = kit.createTestProbe();
        probe.awaitAssert(WAIT, () -> {
            assertTrue(status(model).loaded());
            return null;
        });
        TestProbe<ModelActor.Reply> stalledProbe = kit.createTestProbe();
        model.tell(new ModelActor.Embed(List.of("STALL"), Duration.ofSeconds(60), stalledProbe.ref())); // in flight, stalls
        probe.awaitAssert(WAIT, () -> {
            assertTrue(status(model).busy());
            return null;
        });
        model.tell(new ModelActor.Embed(List.of("a"), Duration.ofMillis(300), probe.ref()));
        model.tell(new ModelActor.Embed(List.of("b"), Duration.ofSeconds(60), probe.ref()));
        model.tell(new ModelActor.Embed(List.of("c"), Duration.ofSeconds(60), probe.ref()));
        ModelActor.Refused over = assertInstanceOf(ModelActor.Refused.class, probe.receiveMessage(WAIT));
        assertEquals(ModelActor.RefusalKind.OVERLOADED, over.kind());
        ModelActor.Refused late = assertInstanceOf(ModelActor.Refused.class, probe.receiveMessage(WAIT));
        assertEquals(ModelActor.RefusalKind.TIMED_OUT, late.kind());
        assertEquals(1, status(model).queueDepth());
        release.countDown();
        assertInstanceOf(ModelActor.Embedded.class, stalledProbe.receiveMessage(WAIT));
        assertInstanceOf(ModelActor.Embedded.class, probe.receiveMessage(WAIT));
        assertEquals(2, status(model).served());
    }

    @Test
    void failingModelLoadDegradesTheActorAndRefusesRequests() {
        ActorRef<ModelActor.Command> model = kit.spawn(ModelActor.create(ModelSettings.defaults(),
                new ProposalScorer(ProposalScorer.Policy.defaults()), () -> {
                    throw new IllegalStateException("no model here");
                }));
        ModelActor.Status s = status(model);
        TestProbe<ModelActor.Reply> probe = kit.createTestProbe();
        model.tell(new ModelActor.Embed(List.of("x"), null, probe.ref()));
        ModelActor.Refused r = assertInstanceOf(ModelActor.Refused.class, probe.receiveMessage(WAIT));
        assertEquals(ModelActor.RefusalKind.UNAVAILABLE, r.kind());
        assertTrue(r.message().contains("no model here"), r.message());
        assertFalse(status(model).loaded(), s.toString());
    }

    @Test
    void disabledModelRefusesAtOnce() {
        ActorRef<ModelActor.Command> model = kit.spawn(ModelActor.create(ModelSettings.defaults().withEnabled(false),
                new ProposalScorer(ProposalScorer.Policy.defaults())));
        TestProbe<ModelActor.Reply> probe = kit.createTestProbe();
        model.tell(new ModelActor.Embed(List.of("x"), null, probe.ref()));
        assertEquals(ModelActor.RefusalKind.UNAVAILABLE,
                assertInstanceOf(ModelActor.Refused.class, probe.receiveMessage(WAIT)).kind());
        assertTrue(status(model).detail().contains("disabled"));
    }

    @Test
    void prefetchedTextsAreEmbeddedAheadAndAScoreThenFindsThemCached() {
        CountDownLatch open = new CountDownLatch(0);
        java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        TextEmbedder counting = new FakeEmbedder(open) {
            @Override
            public float[][] embed(List<String> texts) {
                seen.addAll(texts);
                return super.embed(texts);
            }
        };
        ActorRef<ModelActor.Command> model = kit.spawn(ModelActor.create(ModelSettings.defaults(),
                new ProposalScorer(ProposalScorer.Policy.defaults()), () -> counting));
        status(model); // loaded (the fake loads at once; exemplars embedded)
        List<String> memos = new java.util.ArrayList<>();
        for (int i = 0; i < 3 * ModelActor.PREFETCH_BATCH + 1; i++) memos.add("rent for flat " + i);
        model.tell(new ModelActor.Prefetch(memos));
        model.tell(new ModelActor.Prefetch(List.of("rent for flat 0", ""))); // a duplicate and an empty text: ignored
        TestProbe<ModelActor.Reply> probe = kit.createTestProbe();
        probe.awaitAssert(WAIT, () -> {
            assertTrue(seen.containsAll(memos), "all prefetched");
            return null;
        });
        int before = seen.size();
        model.tell(new ModelActor.Embed(memos, Duration.ofSeconds(20), probe.ref()));
        assertEquals(memos.size(), assertInstanceOf(ModelActor.Embedded.class, probe.receiveMessage(WAIT)).vectors().length);
        assertEquals(before, seen.size(), "answered from the cache: the model embedded nothing more");
        assertEquals(1, java.util.Collections.frequency(seen, "rent for flat 0"), "each text embedded once");
    }

    /** A stand-in model: 4-dimensional vectors from character codes, each call waits for {@code release}. */
    static class FakeEmbedder implements TextEmbedder {
        private final CountDownLatch release;

        FakeEmbedder(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public float[][] embed(List<String> texts) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                out[i] = Vectors.normalize(new float[] {t.length(), t.isEmpty() ? 0 : t.charAt(0), 1, 1});
            }
            return out;
        }

        @Override
        public int dimension() {
            return 4;
        }
    }
}
