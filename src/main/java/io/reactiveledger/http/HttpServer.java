package io.reactiveledger.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Binds the HTTP API on {@code ledger.http.host:port} (port 0: any free port) and unbinds when stopped.
 * A failed bind (the port is taken, the host is not local) is logged and shuts the whole node down with
 * {@link BindFailed} as the coordinated-shutdown reason: a node that cannot serve its API must not run on
 * silently ({@code NodeLauncher} turns the reason into exit code 1).
 */
public final class HttpServer {
    public interface Command {
    }

    /** The bound address; {@code port} is -1 while not (yet) bound. */
    public record GetBinding(ActorRef<Binding> replyTo) implements Command {
    }

    public record Binding(String host, int port) {
    }

    private record Bound(ServerBinding binding, Throwable failure) implements Command {
    }

    /** Why the node was shut down when the API could not bind. */
    public static final class BindFailed implements org.apache.pekko.actor.CoordinatedShutdown.Reason {
        public static final BindFailed INSTANCE = new BindFailed();

        private BindFailed() {
        }

        @Override
        public String toString() {
            return "the HTTP API could not bind";
        }
    }

    private HttpServer() {
    }

    public static Behavior<Command> create(Route route, HttpSettings settings) {
        return Behaviors.setup(ctx -> {
            ctx.pipeToSelf(Http.get(ctx.getSystem()).newServerAt(settings.host(), settings.port()).bind(route), Bound::new);
            return binding(ctx, settings);
        });
    }

    private static Behavior<Command> binding(ActorContext<Command> ctx, HttpSettings settings) {
        return Behaviors.withStash(100, stash -> Behaviors.receive(Command.class)
                .onMessage(Bound.class, m -> {
                    if (m.failure() != null) {
                        ctx.getLog().error("HTTP API could not bind {}:{}: {}; shutting the node down", settings.host(),
                                settings.port(), m.failure().toString());
                        org.apache.pekko.actor.CoordinatedShutdown.get(ctx.getSystem()).run(BindFailed.INSTANCE);
                        return Behaviors.stopped();
                    }
                    InetSocketAddress a = m.binding().localAddress();
                    ctx.getLog().info("HTTP API on http://{}:{}", a.getHostString(), a.getPort());
                    return stash.unstashAll(bound(m.binding()));
                })
                .onMessage(GetBinding.class, m -> {
                    stash.stash(m);
                    return Behaviors.same();
                })
                .build());
    }

    private static Behavior<Command> bound(ServerBinding binding) {
        return Behaviors.receive(Command.class)
                .onMessage(GetBinding.class, m -> {
                    m.replyTo().tell(new Binding(binding.localAddress().getHostString(), binding.localAddress().getPort()));
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, s -> {
                    binding.terminate(Duration.ofSeconds(3));
                    return Behaviors.same();
                })
                .build();
    }
}
