package io.reactiveledger.core.tx;

/**
 * Chain ids are 1 to 32 characters of {@code [a-z0-9._-]}, starting with a letter or digit. Checked by hand, not by a
 * regular expression: every decoded transaction checks its chain id, and a matcher per transaction showed up in the
 * cluster benchmark's profile.
 */
public final class ChainId {
    public static final int MAX_LENGTH = 32;

    private ChainId() {
    }

    public static boolean isValid(String chainId) {
        if (chainId == null || chainId.isEmpty() || chainId.length() > MAX_LENGTH) return false;
        for (int i = 0; i < chainId.length(); i++) {
            char c = chainId.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return false;
        }
        return true;
    }

    public static String require(String chainId) {
        if (!isValid(chainId)) {
            throw new IllegalArgumentException("chain id must be 1-32 chars of [a-z0-9._-] starting with [a-z0-9]: " + chainId);
        }
        return chainId;
    }
}
