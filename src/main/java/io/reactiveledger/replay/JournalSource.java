package io.reactiveledger.replay;

import io.reactiveledger.node.chain.ChainStore;
import java.lang.reflect.RecordComponent;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.pf.PFBuilder;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Reads a chain store's journal through Pekko Persistence Query ({@code currentEventsByPersistenceId}
 * of the JDBC read journal, so H2 and PostgreSQL alike) and turns each event into a {@link JournalEntry}.
 */
public final class JournalSource {
    private static final RecordComponent RECEIPTS = receiptsComponent();

    private JournalSource() {
    }

    public static Source<JournalEntry, NotUsed> events(ActorSystem<?> system, String persistenceId) {
        JdbcReadJournal journal = PersistenceQuery.get(system.classicSystem())
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        // An event that does not deserialise fails the query's stream; recover turns that into a last,
        // UNREADABLE entry, so the events before it are still verified and the failure gets its height.
        return journal.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE).map(JournalSource::entry)
                .recover(new PFBuilder<Throwable, JournalEntry>().match(Exception.class, JournalEntry::unreadable).build());
    }

    static JournalEntry entry(EventEnvelope e) {
        Object event = e.event();
        if (event instanceof ChainStore.BlockCommitted b) return JournalEntry.block(e.sequenceNr(), b.committedBlock(), receipts(b));
        if (event instanceof ChainStore.EvidenceRecorded) return JournalEntry.evidence(e.sequenceNr());
        return JournalEntry.other(e.sequenceNr());
    }

    /**
     * The receipts persisted with the block, when {@code BlockCommitted} has a {@code byte[] receipts}
     * component (added with the chain store's snapshots); null otherwise or when the event has none.
     */
    static byte[] receipts(ChainStore.BlockCommitted b) {
        if (RECEIPTS == null) return null;
        try {
            return (byte[]) RECEIPTS.getAccessor().invoke(b);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot read BlockCommitted.receipts", ex);
        }
    }

    private static RecordComponent receiptsComponent() {
        for (RecordComponent c : ChainStore.BlockCommitted.class.getRecordComponents()) {
            if (c.getName().equals("receipts") && c.getType() == byte[].class) return c;
        }
        return null;
    }
}
