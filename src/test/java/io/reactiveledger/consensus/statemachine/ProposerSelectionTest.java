package io.reactiveledger.consensus.statemachine;

import static io.reactiveledger.consensus.ConsensusFixtures.KEYS;
import static io.reactiveledger.consensus.ConsensusFixtures.validatorSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.block.ValidatorSet;
import io.reactiveledger.core.crypto.Address;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProposerSelectionTest {

    private static Map<Address, Integer> countOver(ValidatorSet vs, long fromHeight, int heights, int round) {
        Map<Address, Integer> n = new HashMap<>();
        for (long h = fromHeight; h < fromHeight + heights; h++) {
            n.merge(ProposerSelection.proposer(vs, h, round).address(), 1, Integer::sum);
        }
        return n;
    }

    @Test
    void equalPowersEachProposeOncePerFourConsecutiveHeights() {
        ValidatorSet vs = validatorSet(1, 1, 1, 1);
        for (long from = 1; from <= 20; from++) {
            for (int round : new int[] {0, 1, 5}) {
                Map<Address, Integer> n = countOver(vs, from, 4, round);
                for (int i = 0; i < 4; i++) {
                    assertEquals(1, n.getOrDefault(KEYS.get(i).address(), 0), "v" + i + " from " + from + " round " + round);
                }
            }
        }
    }

    @Test
    void powerThreeAndOneProposeThreeOfEveryFour() {
        ValidatorSet vs = validatorSet(3, 1);
        for (long from = 1; from <= 20; from++) {
            Map<Address, Integer> n = countOver(vs, from, 4, 0);
            assertEquals(3, n.getOrDefault(KEYS.get(0).address(), 0), "v0 from " + from);
            assertEquals(1, n.getOrDefault(KEYS.get(1).address(), 0), "v1 from " + from);
        }
        Map<Address, Integer> n = countOver(vs, 1, 400, 0);
        assertEquals(300, n.get(KEYS.get(0).address()));
    }

    @Test
    void nextRoundMovesToTheNextSlot() {
        ValidatorSet vs = validatorSet(1, 1, 1, 1);
        for (long h = 1; h <= 8; h++) {
            for (int r = 0; r < 8; r++) {
                Validator next = ProposerSelection.proposer(vs, h, r + 1);
                assertEquals(ProposerSelection.proposer(vs, h + 1, r), next, "slot of (h, r+1) is that of (h+1, r)");
                assertNotEquals(ProposerSelection.proposer(vs, h, r), next, "a new round has a new proposer");
                int at = vs.validators().indexOf(ProposerSelection.proposer(vs, h, r));
                assertEquals(vs.validators().get((at + 1) % 4), next, "next in canonical order");
            }
        }
    }

    @Test
    void everyRoundOfAHeightCyclesThroughAllValidators() {
        ValidatorSet vs = validatorSet(3, 1);
        Map<Address, Integer> n = new HashMap<>();
        for (int r = 0; r < 4; r++) n.merge(ProposerSelection.proposer(vs, 9, r).address(), 1, Integer::sum);
        assertEquals(3, n.get(KEYS.get(0).address()));
        assertEquals(1, n.get(KEYS.get(1).address()));
    }

    @Test
    void selectionIsDeterministicAndIndependentOfInputOrder() {
        ValidatorSet forward = validatorSet(1, 2, 3, 4);
        java.util.List<Validator> rev = new java.util.ArrayList<>(forward.validators());
        java.util.Collections.reverse(rev);
        ValidatorSet reversed = new ValidatorSet(rev);
        for (long h = 1; h < 30; h++) {
            assertEquals(ProposerSelection.proposer(forward, h, 2), ProposerSelection.proposer(reversed, h, 2));
        }
    }
}
