package io.reactiveledger.consensus.messages;

import io.reactiveledger.core.crypto.Address;

/** Proof that a validator equivocated: two signed, conflicting messages for the same height, round and step. */
public sealed interface Evidence {
    Address validator();

    long height();

    int round();

    record DuplicateVote(Vote first, Vote second) implements Evidence {
        public DuplicateVote {
            if (!first.conflictsWith(second)) throw new IllegalArgumentException("votes do not conflict");
        }

        @Override
        public Address validator() {
            return first.validator();
        }

        @Override
        public long height() {
            return first.height();
        }

        @Override
        public int round() {
            return first.round();
        }
    }

    record ConflictingProposals(Proposal first, Proposal second) implements Evidence {
        public ConflictingProposals {
            if (!first.proposer().equals(second.proposer()) || first.height() != second.height()
                    || first.round() != second.round() || first.blockHash().equals(second.blockHash())) {
                throw new IllegalArgumentException("proposals do not conflict");
            }
        }

        @Override
        public Address validator() {
            return first.proposer();
        }

        @Override
        public long height() {
            return first.height();
        }

        @Override
        public int round() {
            return first.round();
        }
    }
}
