package io.reactiveledger.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes on one H2 file, same entity id: each recovers and reads only its own events. */
@Timeout(120) // a hang guard only: the first ActorSystem in a loaded JVM can take tens of seconds; probes wait up to TestNodes.EXPECT_DEFAULT
class NodeNamespaceTest {
    @TempDir
    Path dataDir;

    @Test
    void nodesSharingADatabaseDoNotSeeEachOthersEvents() throws Exception {
        ActorTestKit a = TestNodes.start("node-a", dataDir);
        try {
            ActorTestKit b = TestNodes.start("node-b", dataDir);
            try {
                assertEquals(a.system().settings().config().getString("ledger.persistence.db.url"),
                        b.system().settings().config().getString("ledger.persistence.db.url"));
                ActorRef<Counter.Command> ca = add(a, 1, 2);
                add(b, 100);

                assertEquals(List.of(new Counter.Added(1), new Counter.Added(2)), events(a));
                assertEquals(List.of(new Counter.Added(100)), events(b));

                // a fresh incarnation on node-a recovers node-a's events only
                a.stop(ca);
                TestProbe<String> signals = a.createTestProbe();
                a.spawn(Counter.create(NodeConfig.persistenceId(a.system(), "counter", "c1"),
                        RetentionCriteria.disabled(), signals.ref()));
                signals.expectMessage("recovered " + new Counter.State(3, 2));
            } finally {
                b.shutdownTestKit();
            }
        } finally {
            a.shutdownTestKit();
        }
    }

    private static ActorRef<Counter.Command> add(ActorTestKit kit, long... amounts) {
        TestProbe<String> signals = kit.createTestProbe();
        TestProbe<Counter.State> replies = kit.createTestProbe();
        ActorRef<Counter.Command> c = kit.spawn(Counter.create(
                NodeConfig.persistenceId(kit.system(), "counter", "c1"), RetentionCriteria.disabled(), signals.ref()));
        signals.expectMessage("recovered " + new Counter.State(0, 0));
        for (long x : amounts) {
            c.tell(new Counter.Add(x, replies.ref()));
            replies.receiveMessage();
        }
        return c;
    }

    private static List<Object> events(ActorTestKit kit) throws Exception {
        JdbcReadJournal journal = PersistenceQuery.get(kit.system().classicSystem())
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        String pid = NodeConfig.persistenceId(kit.system(), "counter", "c1").id();
        return journal.currentEventsByPersistenceId(pid, 0L, Long.MAX_VALUE)
                .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(5, TimeUnit.SECONDS)
                .stream().map(EventEnvelope::event).toList();
    }
}
