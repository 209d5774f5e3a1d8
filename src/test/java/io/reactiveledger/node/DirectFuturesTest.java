package io.reactiveledger.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import scala.concurrent.Promise;
import scala.jdk.javaapi.FutureConverters;

/** What Pekko's Java ask returns (a Scala-backed CompletableFuture) and what {@link DirectFutures} makes of it. */
class DirectFuturesTest {

    @Test
    void aScalaBackedStageRunsPlainCallbacksElsewhereButTheDirectOneRunsThemInPlace() throws Exception {
        Promise<String> scalaPromise = Promise.apply();
        CompletionStage<String> scala = FutureConverters.asJava(scalaPromise.future());
        AtomicReference<String> scalaThread = new AtomicReference<>();
        CompletableFuture<Integer> viaScala = scala.thenApply(s -> {
            scalaThread.set(Thread.currentThread().getName());
            return s.length();
        }).toCompletableFuture();

        CompletableFuture<String> direct = DirectFutures.of(FutureConverters.asJava(scalaPromise.future()));
        AtomicReference<String> directThread = new AtomicReference<>();
        CompletableFuture<Integer> viaDirect = direct.thenApply(s -> {
            directThread.set(Thread.currentThread().getName());
            return s.length();
        });

        scalaPromise.success("four");
        assertEquals(4, viaScala.get(10, TimeUnit.SECONDS));
        assertEquals(4, viaDirect.get(10, TimeUnit.SECONDS));
        assertEquals(Thread.currentThread().getName(), directThread.get(), "completed in place, no hop");
        // The reason for DirectFutures: the Scala-backed stage turned thenApply into thenApplyAsync.
        assertNotEquals(Thread.currentThread().getName(), scalaThread.get());
    }

    @Test
    void theExecutorVariantCompletesOnThatExecutorAndFailuresPassThrough() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "edge-pool"));
        try {
            Promise<String> p = Promise.apply();
            AtomicReference<String> thread = new AtomicReference<>();
            CompletableFuture<String> f = DirectFutures.of(FutureConverters.asJava(p.future()), pool);
            CompletableFuture<Void> seen = f.thenAccept(v -> thread.set(Thread.currentThread().getName()));
            p.success("x");
            seen.get(10, TimeUnit.SECONDS);
            assertEquals("edge-pool", thread.get());

            Promise<String> failing = Promise.apply();
            CompletableFuture<String> g = DirectFutures.of(FutureConverters.asJava(failing.future()));
            IllegalStateException boom = new IllegalStateException("boom");
            failing.failure(boom);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> g.get(10, TimeUnit.SECONDS));
            assertSame(boom, e.getCause());
            assertTrue(g.isCompletedExceptionally());
            assertInstanceOf(CompletableFuture.class, g);
        } finally {
            pool.shutdownNow();
        }
    }
}
