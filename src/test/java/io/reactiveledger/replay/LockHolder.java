package io.reactiveledger.replay;

import java.nio.file.Path;
import java.sql.Connection;

/** Run in a child JVM by ReplayCommandTest: holds a node's H2 journal open (as a running node does) until stdin closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = ReplayJournals.connect(Path.of(args[0]))) {
            System.out.println("holding");
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to close our stdin
            }
        }
    }
}
