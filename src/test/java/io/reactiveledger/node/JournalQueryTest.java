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
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Events read back with Persistence Query, as journal replay will. */
@Timeout(120) // a hang guard only: the first ActorSystem in a loaded JVM can take tens of seconds; probes wait up to TestNodes.EXPECT_DEFAULT
class JournalQueryTest {
    @TempDir
    Path dataDir;

    @Test
    void currentEventsByPersistenceIdReturnsThePersistedEventsInOrder() throws Exception {
        ActorTestKit kit = TestNodes.start("node-q", dataDir);
        try {
            PersistenceId pid = NodeConfig.persistenceId(kit.system(), "counter", "q1");
            TestProbe<String> signals = kit.createTestProbe();
            TestProbe<Counter.State> replies = kit.createTestProbe();
            ActorRef<Counter.Command> c = kit.spawn(Counter.create(pid, RetentionCriteria.disabled(), signals.ref()));
            for (long a : new long[] {5, 7, 11}) {
                c.tell(new Counter.Add(a, replies.ref()));
                replies.receiveMessage();
            }

            JdbcReadJournal journal = PersistenceQuery.get(kit.system().classicSystem())
                    .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
            List<EventEnvelope> events = journal.currentEventsByPersistenceId(pid.id(), 0L, Long.MAX_VALUE)
                    .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(List.of(new Counter.Added(5), new Counter.Added(7), new Counter.Added(11)),
                    events.stream().map(EventEnvelope::event).toList());
            assertEquals(List.of(1L, 2L, 3L), events.stream().map(EventEnvelope::sequenceNr).toList());
            assertEquals(List.of("node-q:counter|q1"), events.stream().map(EventEnvelope::persistenceId).distinct().toList());

            List<EventEnvelope> tail = journal.currentEventsByPersistenceId(pid.id(), 3L, Long.MAX_VALUE)
                    .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(List.of(new Counter.Added(11)), tail.stream().map(EventEnvelope::event).toList());
        } finally {
            kit.shutdownTestKit();
        }
    }
}
