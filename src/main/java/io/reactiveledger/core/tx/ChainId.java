package io.reactiveledger.core.tx;

import java.util.regex.Pattern;

/** Chain ids are 1 to 32 characters of {@code [a-z0-9._-]}, starting with a letter or digit. */
public final class ChainId {
    public static final int MAX_LENGTH = 32;
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    private ChainId() {
    }

    public static boolean isValid(String chainId) {
        return chainId != null && VALID.matcher(chainId).matches();
    }

    public static String require(String chainId) {
        if (!isValid(chainId)) {
            throw new IllegalArgumentException("chain id must be 1-32 chars of [a-z0-9._-] starting with [a-z0-9]: " + chainId);
        }
        return chainId;
    }
}
