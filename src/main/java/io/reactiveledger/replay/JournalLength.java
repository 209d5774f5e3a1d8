package io.reactiveledger.replay;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;

/**
 * The highest sequence number of a persistence id, for the progress ETA only. Persistence Query has no
 * such query, so this asks the journal plugin the way a recovering persistent actor does (a replay of
 * nothing, answered with {@code RecoverySuccess(highestSequenceNr)}). That protocol is Pekko-internal,
 * so any failure just means "unknown" and replay shows no ETA.
 */
final class JournalLength {
    private JournalLength() {
    }

    static OptionalLong highestSequenceNr(ActorSystem<?> system, String persistenceId) {
        try {
            ActorRef journal = Persistence.get(system.classicSystem()).journalFor("jdbc-journal", ConfigFactory.empty());
            Object reply = Patterns.askWithReplyTo(journal,
                            replyTo -> new JournalProtocol.ReplayMessages(1L, 0L, 0L, persistenceId, replyTo), Duration.ofSeconds(10))
                    .toCompletableFuture().get(15, TimeUnit.SECONDS);
            if (reply instanceof JournalProtocol.RecoverySuccess s) return OptionalLong.of(s.highestSequenceNr());
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (Exception e) {
            return OptionalLong.empty();
        }
    }
}
