package io.reactiveledger.consensus.statemachine;

import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.block.ValidatorSet;

/**
 * Deterministic proposer rotation weighted by voting power: validators in canonical (address) order
 * own consecutive slots of {@code [0, totalPower)} in proportion to their power, and (height, round)
 * picks slot {@code (height + round) mod totalPower}. Over any totalPower consecutive heights, each
 * validator proposes exactly power times; a new round moves to the next slot.
 */
public final class ProposerSelection {
    private ProposerSelection() {
    }

    public static Validator proposer(ValidatorSet validators, long height, int round) {
        long slot = Math.floorMod(height + round, validators.totalPower());
        for (Validator v : validators.validators()) {
            if (slot < v.power()) return v;
            slot -= v.power();
        }
        throw new IllegalStateException("unreachable: slot beyond total power");
    }
}
