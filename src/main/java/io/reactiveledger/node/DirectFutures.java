package io.reactiveledger.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

/**
 * Asks whose callbacks run on the thread that completes them, with no hop to another executor.
 *
 * <p>Why: Pekko's Java {@code ask} returns Scala's {@code FutureConvertersImpl.CF}, which turns every
 * non-async callback ({@code thenApply}, {@code handle}, {@code whenComplete} ...) into its {@code ...Async}
 * twin on the default executor. On a machine with 2 cores {@code ForkJoinPool.commonPool()} has parallelism 1,
 * so {@code CompletableFuture} falls back to <em>one new thread per callback</em>. A profile of the cluster
 * benchmark found 12% of all CPU starting those threads (the HTTP edge, the benchmark's submissions, and
 * {@code ActorContext.ask}, which pipes through {@code handle}). Converting once to a plain
 * {@link CompletableFuture} completed in place removes them.
 */
public final class DirectFutures {
    private static final Executor SAME_THREAD = Runnable::run;

    private DirectFutures() {
    }

    /**
     * A plain future that completes, on the completing thread, when {@code stage} does. Only for tiny
     * callbacks (turning a reply into a message): an ask's reply completes it inside the replying actor.
     */
    public static <T> CompletableFuture<T> of(CompletionStage<T> stage) {
        return of(stage, SAME_THREAD);
    }

    /** A plain future completed on {@code executor} (one hop, no new thread) when {@code stage} completes. */
    public static <T> CompletableFuture<T> of(CompletionStage<T> stage, Executor executor) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenCompleteAsync((value, error) -> {
            if (error != null) out.completeExceptionally(error);
            else out.complete(value);
        }, executor);
        return out;
    }

    /** {@link AskPattern#ask} as a plain future completed on {@code executor} (the HTTP edge: the actor system's). */
    public static <Req, Res> CompletableFuture<Res> ask(RecipientRef<Req> to, Function<ActorRef<Res>, Req> message,
                                                        Duration timeout, Scheduler scheduler, Executor executor) {
        return of(AskPattern.ask(to, message, timeout, scheduler), executor);
    }

    /** {@link AskPattern#ask} as a plain future completed in place (see the class comment; tiny callbacks only). */
    public static <Req, Res> CompletableFuture<Res> ask(RecipientRef<Req> to, Function<ActorRef<Res>, Req> message,
                                                        Duration timeout, Scheduler scheduler) {
        return of(AskPattern.ask(to, message, timeout, scheduler));
    }
}
