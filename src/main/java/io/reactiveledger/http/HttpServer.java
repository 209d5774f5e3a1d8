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
 * A failed bind stops this actor (and is logged); the node keeps running without its API.
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
                        ctx.getLog().error("HTTP API could not bind {}:{}: {}", settings.host(), settings.port(), m.failure().toString());
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
