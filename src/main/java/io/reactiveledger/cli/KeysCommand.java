package io.reactiveledger.cli;

import io.reactiveledger.core.crypto.KeyFile;
import io.reactiveledger.core.crypto.KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ledger keys new|show}: Ed25519 key files. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create and inspect Ed25519 key files.",
        subcommands = {KeysCommand.New.class, KeysCommand.Show.class})
final class KeysCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "new", mixinStandardHelpOptions = true, description = "Generate a new key pair into a JSON key file.")
    static final class New implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "Key file to create (never overwritten).")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(out)) throw new IllegalArgumentException(out + " already exists; refusing to overwrite a key");
            KeyPair key = KeyPair.generate();
            KeyFile.write(out, key, null);
            System.out.println("address    " + key.address().hex());
            System.out.println("public key " + key.publicKey().hex());
            System.out.println("written to " + out + " (keep it private)");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a key file's address and public key.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "Key file.")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (!Files.exists(file)) throw new IllegalArgumentException("no such key file: " + file);
            KeyPair key = KeyFile.read(file);
            System.out.println("address    " + key.address().hex());
            System.out.println("public key " + key.publicKey().hex());
            return 0;
        }
    }
}
