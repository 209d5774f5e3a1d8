package io.reactiveledger.replay;

import io.reactiveledger.node.chain.ChainStore;
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
        if (event instanceof ChainStore.BlockCommitted b) return JournalEntry.block(e.sequenceNr(), b.committedBlock(), b.receipts());
        if (event instanceof ChainStore.EvidenceRecorded) return JournalEntry.evidence(e.sequenceNr());
        return JournalEntry.other(e.sequenceNr());
    }
}
