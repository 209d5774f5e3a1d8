package io.reactiveledger.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Events and snapshots in the H2 file journal survive an ActorSystem restart on the same data dir. */
@Timeout(120) // a hang guard only: the first ActorSystem in a loaded JVM can take tens of seconds; probes wait up to TestNodes.EXPECT_DEFAULT
class JournalRecoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void stateIsRecoveredFromTheJournalAfterRestart() {
        ActorTestKit first = TestNodes.start("node-a", dataDir);
        try {
            Counter.State s = addAll(first, RetentionCriteria.disabled(), 1, 2, 3, 4, 5);
            assertEquals(new Counter.State(15, 5), s);
        } finally {
            first.shutdownTestKit();
        }

        ActorTestKit second = TestNodes.start("node-a", dataDir);
        try {
            TestProbe<String> signals = second.createTestProbe();
            TestProbe<Counter.State> replies = second.createTestProbe();
            ActorRef<Counter.Command> c = second.spawn(counter(second, RetentionCriteria.disabled(), signals));
            signals.expectMessage("recovered " + new Counter.State(15, 5));
            c.tell(new Counter.Add(10, replies.ref()));
            replies.expectMessage(new Counter.State(25, 6));
        } finally {
            second.shutdownTestKit();
        }
    }

    @Test
    void snapshotTakenByRetentionCriteriaRecoversTheSameState() {
        // a snapshot every 3 events, keep one, delete the events it covers (older than the kept one)
        RetentionCriteria retention = RetentionCriteria.snapshotEvery(3, 1).withDeleteEventsOnSnapshot();
        Counter.State expected = new Counter.State(28, 7);
        ActorTestKit first = TestNodes.start("node-a", dataDir);
        try {
            String pid = NodeConfig.persistenceId(first.system(), "counter", "c1").id();
            TestProbe<String> signals = first.createTestProbe();
            TestProbe<Counter.State> replies = first.createTestProbe();
            ActorRef<Counter.Command> c = first.spawn(counter(first, retention, signals));
            signals.expectMessage("recovered " + new Counter.State(0, 0));
            for (int i = 1; i <= 7; i++) {
                c.tell(new Counter.Add(i, replies.ref()));
                replies.receiveMessage();
            }
            await(signals, "snapshot 6");
            await(signals, "deleted events to 3");
            // snapshot 3 may or may not be deleted yet (that runs after the event deletion)
            List<Long> snapshots = TestNodes.longs(first,
                    "select \"sequence_number\" from \"snapshot\" where \"persistence_id\" = ?", pid);
            assertTrue(snapshots.contains(6L), "snapshots " + snapshots);
            assertEquals(List.of(4L, 5L, 6L, 7L), TestNodes.longs(first, "select \"sequence_number\" from"
                    + " \"event_journal\" where \"persistence_id\" = ? and not \"deleted\" order by 1", pid));
        } finally {
            first.shutdownTestKit();
        }

        // events 1..3 are gone, so only snapshot 6 + event 7 can give the total of 1..7
        ActorTestKit second = TestNodes.start("node-a", dataDir);
        try {
            TestProbe<String> signals = second.createTestProbe();
            TestProbe<Counter.State> replies = second.createTestProbe();
            ActorRef<Counter.Command> c = second.spawn(counter(second, retention, signals));
            signals.expectMessage("recovered " + expected);
            c.tell(new Counter.Get(replies.ref()));
            replies.expectMessage(expected);
        } finally {
            second.shutdownTestKit();
        }
    }

    private static void await(TestProbe<String> signals, String signal) {
        signals.fishForMessage(Duration.ofSeconds(30),
                m -> m.equals(signal) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    }

    private static Counter.State addAll(ActorTestKit kit, RetentionCriteria retention, long... amounts) {
        TestProbe<String> signals = kit.createTestProbe();
        TestProbe<Counter.State> replies = kit.createTestProbe();
        ActorRef<Counter.Command> c = kit.spawn(counter(kit, retention, signals));
        signals.expectMessage("recovered " + new Counter.State(0, 0));
        Counter.State last = null;
        for (long a : amounts) {
            c.tell(new Counter.Add(a, replies.ref()));
            last = replies.receiveMessage();
        }
        return last;
    }

    private static Behavior<Counter.Command> counter(
            ActorTestKit kit, RetentionCriteria retention, TestProbe<String> signals) {
        PersistenceId id = NodeConfig.persistenceId(kit.system(), "counter", "c1");
        return Counter.create(id, retention, signals.ref());
    }
}
