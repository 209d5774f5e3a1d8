package io.reactiveledger.replay;

import io.reactiveledger.node.contract.ContractActor;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.pf.PFBuilder;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Reads contract instances' journals through Pekko Persistence Query: the persistence ids of the
 * journal that start with a prefix ({@code currentPersistenceIds}) and each one's events
 * ({@code currentEventsByPersistenceId}), turned into {@link ContractJournalEntry}s.
 */
public final class ContractJournalSource {
    private ContractJournalSource() {
    }

    private static JdbcReadJournal journal(ActorSystem<?> system) {
        return PersistenceQuery.get(system.classicSystem()).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    }

    /** The persistence ids in the journal that start with {@code prefix}. */
    public static CompletionStage<List<String>> persistenceIds(ActorSystem<?> system, String prefix) {
        return journal(system).currentPersistenceIds().filter(id -> id.startsWith(prefix)).runWith(Sink.seq(), system);
    }

    public static Source<ContractJournalEntry, NotUsed> events(ActorSystem<?> system, String persistenceId) {
        // as in JournalSource: an event that does not deserialise ends the stream with an UNREADABLE entry
        return journal(system).currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE).map(ContractJournalSource::entry)
                .recover(new PFBuilder<Throwable, ContractJournalEntry>().match(Exception.class, ContractJournalEntry::unreadable).build());
    }

    static ContractJournalEntry entry(EventEnvelope e) {
        Object event = e.event();
        if (event instanceof ContractActor.CallApplied c) {
            return ContractJournalEntry.call(e.sequenceNr(), c.height(), c.txIndex(), c.txHash(), c.blockTimeMs(), c.tx(),
                    c.stateHash(), c.events());
        }
        if (event instanceof ContractActor.Adopted a) return ContractJournalEntry.adopted(e.sequenceNr(), a.height(), a.state(), a.stateHash());
        return ContractJournalEntry.other(e.sequenceNr(), event == null ? "null" : event.getClass().getName());
    }
}
