package io.reactiveledger.node;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.DeleteEventsCompleted;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/** Test-only event-sourced counter; reports recovery, snapshots and deletions to {@code signals}. */
final class Counter extends EventSourcedBehavior<Counter.Command, Counter.Added, Counter.State> {
    sealed interface Command extends CborSerializable {
    }

    record Add(long amount, ActorRef<State> replyTo) implements Command {
    }

    record Get(ActorRef<State> replyTo) implements Command {
    }

    record Added(long amount) implements CborSerializable {
    }

    record State(long total, int count) implements CborSerializable {
        State add(long amount) {
            return new State(total + amount, count + 1);
        }
    }

    private final RetentionCriteria retention;
    private final ActorRef<String> signals;

    static Behavior<Command> create(PersistenceId id, RetentionCriteria retention, ActorRef<String> signals) {
        return new Counter(id, retention, signals);
    }

    private Counter(PersistenceId id, RetentionCriteria retention, ActorRef<String> signals) {
        super(id);
        this.retention = retention;
        this.signals = signals;
    }

    @Override
    public State emptyState() {
        return new State(0, 0);
    }

    @Override
    public CommandHandler<Command, Added, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Add.class, (s, c) -> Effect().persist(new Added(c.amount())).thenReply(c.replyTo(), n -> n))
                .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), s))
                .build();
    }

    @Override
    public EventHandler<State, Added> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onEvent(Added.class, (s, e) -> s.add(e.amount())).build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return retention;
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), s -> signals.tell("recovered " + s))
                .onSignal(SnapshotCompleted.class, (s, sig) -> signals.tell("snapshot " + sig.metadata().sequenceNr()))
                .onSignal(DeleteEventsCompleted.class, (s, sig) -> signals.tell("deleted events to " + sig.toSequenceNr()))
                .build();
    }
}
