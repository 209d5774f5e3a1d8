package io.reactiveledger.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ProposalScorer} on generated proposals, with the real model for the semantic signal. */
class ProposalScorerTest {
    private static DjlEmbedder model;
    private static CachingEmbedder cache;
    private static ExemplarSet exemplars;
    private final ProposalScorer scorer = new ProposalScorer(ProposalScorer.Policy.defaults());

    @BeforeAll
    static void load() {
        model = DjlEmbedder.load(ModelLocation.resolve(null));
        cache = new CachingEmbedder(model, 10_000);
        exemplars = ExemplarSet.load(cache);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private ProposalScore withModel(ProposalGenerator.Labelled p) {
        return scorer.score(p.txs(), p.proposer(), p.view(), exemplars, cache.embed(ProposalScorer.texts(p.txs())));
    }

    @Test
    void unseenScamTextIsRiskyAndOrdinaryTextIsNot() {
        assertTrue(exemplars.risk(cache.embed("Verify your wallet now: reply with the 24 recovery words")).probability() > 0.5);
        assertTrue(exemplars.risk(cache.embed("dinner with the team, my share")).probability() < 0.5);
    }

    @Test
    void honestProposalsStayBelowTheThreshold() {
        ProposalGenerator g = new ProposalGenerator(1, 100);
        for (int i = 0; i < 50; i++) {
            ProposalScore s = withModel(g.next(ProposalGenerator.Kind.HONEST));
            assertFalse(s.reaches(0.7), s.toString());
            assertTrue(s.semanticUsed());
        }
    }

    @Test
    void eachAdversarialKindIsRefusedWithItsReason() {
        ProposalGenerator g = new ProposalGenerator(2, 100);
        String[][] expect = {{"SCAM_MEMOS", "semantic"}, {"FLOODING", "flooding"}, {"FRONT_RUNNING", "front-running"},
                {"CENSORSHIP", "censorship"}};
        for (String[] e : expect) {
            ProposalScore s = withModel(g.next(ProposalGenerator.Kind.valueOf(e[0])));
            assertTrue(s.reaches(0.7), e[0] + ": " + s);
            assertTrue(s.reasons().stream().anyMatch(r -> r.startsWith(e[1])), s.reasons().toString());
        }
    }

    @Test
    void rulesAloneMissScamMemosButNotStructuralAttacks() {
        ProposalGenerator g = new ProposalGenerator(3, 100);
        ProposalGenerator.Labelled scam = g.next(ProposalGenerator.Kind.SCAM_MEMOS);
        ProposalScore rules = scorer.score(scam.txs(), scam.proposer(), scam.view());
        assertFalse(rules.semanticUsed());
        assertFalse(rules.reaches(0.7), "no semantic signal without the model");
        ProposalGenerator.Labelled censor = g.next(ProposalGenerator.Kind.CENSORSHIP);
        assertTrue(scorer.score(censor.txs(), censor.proposer(), censor.view()).reaches(0.7));
    }

    @Test
    void scoreIsDeterministicAndEmptyBlockIsClean() {
        ProposalGenerator.Labelled p = new ProposalGenerator(4, 50).next(ProposalGenerator.Kind.SCAM_MEMOS);
        assertEquals(withModel(p), withModel(p));
        ProposalScore empty = scorer.score(List.of(), null, MempoolView.EMPTY, exemplars, new float[0][]);
        assertEquals(0.0, empty.score());
    }

    @Test
    void aucCountsTiesHalf() {
        assertEquals(1.0, ProposalEvaluation.auc(new double[] {0.9, 0.1}, new boolean[] {true, false}));
        assertEquals(0.5, ProposalEvaluation.auc(new double[] {0.5, 0.5}, new boolean[] {true, false}));
        assertEquals(0.0, ProposalEvaluation.auc(new double[] {0.1, 0.9}, new boolean[] {true, false}));
    }

    @Test
    void oneRiskyMemoDoesNotRefuseASmallBlockButABlockFullOfThemIs() {
        io.reactiveledger.core.crypto.KeyPair k = io.reactiveledger.core.crypto.KeyPair.deterministic("scorer-small-block");
        java.util.function.IntFunction<io.reactiveledger.core.tx.Transaction> scam = n -> io.reactiveledger.core.tx.Transaction.sign(
                new io.reactiveledger.core.tx.TxBody(ProposalGenerator.CHAIN, k.publicKey(), n, 1,
                        new io.reactiveledger.core.tx.Transfer(k.address(), 1),
                        "Verify your wallet now: reply with the 24 recovery words " + n), k);
        List<io.reactiveledger.core.tx.Transaction> one = List.of(scam.apply(0));
        ProposalScore single = scorer.score(one, null, MempoolView.EMPTY, exemplars, cache.embed(ProposalScorer.texts(one)));
        assertFalse(single.reaches(0.7), "a single memo must not stall the chain: " + single);
        assertTrue(single.score() > 0, "but it is still noticed: " + single);
        List<io.reactiveledger.core.tx.Transaction> many = new java.util.ArrayList<>();
        for (int n = 0; n < ProposalScorer.SEMANTIC_MIN_TXS; n++) many.add(scam.apply(n));
        ProposalScore full = scorer.score(many, null, MempoolView.EMPTY, exemplars, cache.embed(ProposalScorer.texts(many)));
        assertTrue(full.reaches(0.7), "a block full of scam memos is refused: " + full);
    }

    @Test
    void aProposerTrimsTheScamMemosItsPeersWouldRefuseAndKeepsTheRest() {
        String[] ordinary = {"rent for March", "dinner with the team, my share", "thanks for the bike repair",
                "coffee beans order", "book club fee", "parking split", "birthday gift for Anna", "electricity bill",
                "train tickets to Lyon", "groceries", "football club membership", "loan repayment, part 2"};
        List<io.reactiveledger.core.tx.Transaction> txs = new java.util.ArrayList<>();
        for (int n = 0; n < ordinary.length; n++) txs.add(tx("trim-honest-" + n, 0, ordinary[n]));
        List<io.reactiveledger.core.tx.Transaction> scams = new java.util.ArrayList<>();
        for (int n = 0; n < 10; n++) {
            scams.add(tx("trim-scam-" + n, 0, "Verify your wallet now: reply with the 24 recovery words " + n));
        }
        txs.addAll(scams);
        assertTrue(withEmbeddings(txs).reaches(0.7), "the untrimmed block would be refused");

        List<io.reactiveledger.core.tx.Transaction> kept = scorer.trim(txs, null, null, exemplars,
                cache.embed(ProposalScorer.texts(txs)));
        assertFalse(withEmbeddings(kept).reaches(0.7), "the trimmed block is not: " + withEmbeddings(kept));
        assertTrue(kept.containsAll(txs.subList(0, ordinary.length)), "every ordinary payment is kept");
        assertTrue(kept.size() > ordinary.length, "only as many scam memos as needed are left out: " + kept.size());

        List<io.reactiveledger.core.tx.Transaction> clean = txs.subList(0, ordinary.length);
        assertEquals(clean, scorer.trim(clean, null, null, exemplars, cache.embed(ProposalScorer.texts(clean))),
                "a block below the threshold is proposed as it is");
    }

    private ProposalScore withEmbeddings(List<io.reactiveledger.core.tx.Transaction> txs) {
        return scorer.score(txs, null, MempoolView.EMPTY, exemplars, cache.embed(ProposalScorer.texts(txs)));
    }

    private static io.reactiveledger.core.tx.Transaction tx(String seed, long nonce, String memo) {
        io.reactiveledger.core.crypto.KeyPair k = io.reactiveledger.core.crypto.KeyPair.deterministic(seed);
        return io.reactiveledger.core.tx.Transaction.sign(new io.reactiveledger.core.tx.TxBody(ProposalGenerator.CHAIN,
                k.publicKey(), nonce, 1, new io.reactiveledger.core.tx.Transfer(k.address(), 1), memo), k);
    }
}
