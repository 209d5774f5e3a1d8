package io.reactiveledger.replay;

/**
 * The first thing that did not verify: at which height, which check, what it expected and what it found.
 * Check names are stable (see {@link Checks}), so scripts may match on them.
 */
public record ReplayFailure(long height, String check, String expected, String found) {
    public String message() {
        return "height " + height + ": check '" + check + "' failed: expected " + expected + ", found " + found;
    }

    @Override
    public String toString() {
        return message();
    }
}
