package io.reactiveledger.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ChainIdTest {
    /** The rule as it was written before the hand-written check replaced it. */
    private static final Pattern RULE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    @Test
    void acceptsAndRefusesTheDocumentedShapes() {
        assertTrue(ChainId.isValid("reactive-devnet"));
        assertTrue(ChainId.isValid("a"));
        assertTrue(ChainId.isValid("0.chain_x-1"));
        assertTrue(ChainId.isValid("a".repeat(32)));
        assertFalse(ChainId.isValid(null));
        assertFalse(ChainId.isValid(""));
        assertFalse(ChainId.isValid("a".repeat(33)));
        assertFalse(ChainId.isValid("-chain"));
        assertFalse(ChainId.isValid(".chain"));
        assertFalse(ChainId.isValid("Chain"));
        assertFalse(ChainId.isValid("chain id"));
        assertFalse(ChainId.isValid("ch\u00e4in"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChainId.require("_x"));
        assertTrue(e.getMessage().contains("_x"));
    }

    @Property(tries = 3000)
    void agreesWithTheRegularExpression(@ForAll @StringLength(max = 40) @Chars({'a', 'z', '0', '9', '.', '_', '-', 'A', ' ', '/', '\u00e9'}) String s) {
        assertEquals(RULE.matcher(s).matches(), ChainId.isValid(s), s);
    }
}
