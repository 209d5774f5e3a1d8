package io.reactiveledger.llm;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates labelled block proposals for {@code ledger eval proposals}: honest blocks (many senders, fees
 * around the pool's, ordinary memos and listings, highest fee first, every transaction pending in the validator's
 * view, which also holds only young or cheaper leftovers) and one adversarial kind per {@link Kind}. Flooding and
 * fee outliers are the proposer's private additions (never pending at the validator): what went through the
 * mempools is what any honest proposer reaps. Seeded and deterministic. Its memo texts are
 * written independently of the exemplar sets, so the scorer is not tested on the texts it compares against.
 */
public final class ProposalGenerator {
    public enum Kind { HONEST, SCAM_MEMOS, FLOODING, FEE_OUTLIERS, FRONT_RUNNING, CENSORSHIP }

    public record Labelled(Kind kind, List<Transaction> txs, Address proposer, MempoolView view) {
        public boolean adversarial() {
            return kind != Kind.HONEST;
        }
    }

    static final String CHAIN = "reactive-devnet";
    static final int MAX_BLOCK_TXS = 500;

    static final List<String> HONEST_MEMOS = List.of(
            "rent, April", "for the concert tickets", "lunch money, thanks!", "paying back what I owe you",
            "gas and electricity, Q2", "wedding gift for Tom and Lisa", "invoice #2291 settled", "weekly allowance",
            "gym membership", "share of the holiday cottage", "book club fees", "pizza night",
            "car repair, half", "school trip for Emma", "phone bill June", "thank you for the help moving",
            "order 5531, two chairs", "deposit for the bike", "piano lessons x4", "team lunch reimbursement",
            "四月房租", "演唱会门票钱", "还你上次的钱", "婚礼礼金", "发票2291已结清", "健身房会员费",
            "度假小屋分摊", "孩子学校春游费用", "手机话费六月", "谢谢帮忙搬家");
    static final List<String> HONEST_ITEMS = List.of(
            "Omega Seamaster watch, 2010, serviced", "Nintendo Switch with three games",
            "Leather sofa, three seats, brown", "Sony noise-cancelling headphones", "Road bike, 56 cm frame",
            "Collection of 1980s comic books", "Espresso machine, barely used", "Oil painting, harbour scene",
            "二手笔记本电脑，八成新", "实木书桌，带抽屉", "任天堂游戏机，附三款游戏", "复古胶片相机");
    static final List<String> SCAM_MEMOS = List.of(
            "Security alert: your wallet will be locked, reply with your 12 secret words to keep it",
            "You are selected for a bonus: deposit 50 now and withdraw 500 tomorrow",
            "Official support: to unlock your funds type your private key at the link below",
            "Last chance!!! free tokens for the first 100 people, just approve the contract",
            "Winner notice: your reward is ready, first pay the release fee",
            "Earn 5% a day guaranteed, no risk, send funds to join the pool",
            "Hi dear, I am stuck abroad and need money for the ticket home, please help",
            "Account verification required: share your mnemonic to avoid suspension",
            "Designer handbags, copies of top brands, pay in advance, cheap",
            "Cheap followers, likes and reviews, thousands per day, DM now",
            "安全警告：您的钱包即将被锁定，请回复12个助记词",
            "恭喜获得奖励，先转账50元即可提现500元",
            "官方客服：请在下方链接输入私钥解锁资金",
            "每日稳定收益5%，零风险，转账即可加入",
            "中奖通知：奖金已到账，请先缴纳手续费",
            "账户需要验证，请提供助记词以免被封",
            "高仿名牌包，一比一复刻，先款后货");
    static final List<String> SCAM_ITEMS = List.of(
            "Rolex Daytona replica, looks real, 20 coins", "iPhone 15 Pro brand new 5 coins, pay first, no returns",
            "Miracle weight-loss pills, lose 20 kg in a week", "高仿劳力士手表，跟真的一样，超低价");

    private final Random rnd;
    private final List<KeyPair> users = new ArrayList<>();
    private final Map<KeyPair, Long> nonces = new HashMap<>();

    public ProposalGenerator(long seed, int userCount) {
        this.rnd = new Random(seed);
        for (int i = 0; i < userCount; i++) {
            users.add(KeyPair.deterministic("eval-user-" + i));
        }
    }

    public Labelled next(Kind kind) {
        KeyPair proposer = users.get(rnd.nextInt(users.size()));
        int size = 20 + rnd.nextInt(60);
        long medianFee = 10 + rnd.nextInt(90);
        List<Transaction> txs = new ArrayList<>();
        List<MempoolView.Pending> view = new ArrayList<>();
        long auction = 1 + rnd.nextInt(1000);
        for (int i = 0; i < size; i++) {
            KeyPair sender = users.get(rnd.nextInt(users.size()));
            txs.add(tx(sender, honestPayload(auction), fee(medianFee), honestMemo()));
        }
        // the honest proposer orders by fee, highest first
        txs.sort((a, b) -> Long.compare(b.fee(), a.fee()));
        for (Transaction tx : txs) {
            view.add(pending(tx, rnd.nextInt(20_000)));
        }
        // leftovers the validator holds: cheaper than anything included, or too young to have been seen
        long minFee = txs.stream().mapToLong(Transaction::fee).min().orElse(1);
        for (int i = 0; i < 10; i++) {
            boolean cheap = rnd.nextBoolean();
            long f = cheap ? Math.max(1, minFee - 1 - rnd.nextInt((int) Math.max(1, minFee - 1) + 1)) : fee(medianFee) * 2;
            Transaction tx = tx(users.get(rnd.nextInt(users.size())), transfer(), Math.max(1, f), "");
            view.add(pending(tx, cheap ? rnd.nextInt(120_000) : rnd.nextInt(3_000)));
        }
        switch (kind) {
            case HONEST:
                break;
            case SCAM_MEMOS: {
                int n = Math.max(1, (int) Math.round(txs.size() * (0.3 + 0.7 * rnd.nextDouble())));
                List<Integer> idx = shuffledIndices(txs.size());
                for (int k = 0; k < n; k++) {
                    int i = idx.get(k);
                    Transaction old = txs.get(i);
                    Transaction scam = rnd.nextInt(5) == 0
                            ? tx(senderOf(old), new CreateAuction(pick(SCAM_ITEMS), 1 + rnd.nextInt(50), 1_000_000, 1), old.fee(), "")
                            : tx(senderOf(old), transfer(), old.fee(), pick(SCAM_MEMOS));
                    txs.set(i, scam);
                    view.add(pending(scam, rnd.nextInt(20_000)));
                }
                break;
            }
            case FLOODING: {
                KeyPair flooder = users.get(rnd.nextInt(users.size()));
                int n = (int) Math.round(txs.size() * (0.6 + 0.3 * rnd.nextDouble()));
                for (int i = 0; i < n; i++) {
                    Transaction old = txs.get(i);
                    Transaction f = tx(flooder, transfer(), old.fee(), honestMemo());
                    txs.set(i, f); // the proposer's private additions: they never went through this validator's mempool
                }
                break;
            }
            case FEE_OUTLIERS: {
                int n = Math.max(2, (int) Math.round(txs.size() * (0.15 + 0.3 * rnd.nextDouble())));
                for (int i = 0; i < n; i++) {
                    Transaction f = tx(proposer, transfer(), medianFee * (50 + rnd.nextInt(100)), honestMemo());
                    txs.add(0, f); // added privately by the proposer: never pending at this validator
                }
                break;
            }
            case FRONT_RUNNING: {
                int cases = 1 + rnd.nextInt(3);
                for (int c = 0; c < cases; c++) {
                    long target = 5000 + rnd.nextInt(1000);
                    KeyPair bidder = users.get(rnd.nextInt(users.size()));
                    if (bidder.equals(proposer)) {
                        bidder = users.get((users.indexOf(proposer) + 1) % users.size());
                    }
                    Transaction theirs = tx(bidder, new Bid(target, 100 + rnd.nextInt(100)), fee(medianFee), "");
                    // no higher fee than the victim's: fee priority would make it ordinary ordering
                    Transaction mine = tx(proposer, new Bid(target, 300 + rnd.nextInt(100)),
                            Math.max(1, theirs.fee() - rnd.nextInt(3)), "");
                    int at = rnd.nextInt(txs.size());
                    txs.add(at, theirs);
                    txs.add(at, mine); // placed ahead of the bid this validator saw first
                    view.add(pending(theirs, 5_000 + rnd.nextInt(20_000)));
                }
                break;
            }
            case CENSORSHIP: {
                int n = 3 + rnd.nextInt(8);
                long maxFee = txs.stream().mapToLong(Transaction::fee).max().orElse(medianFee);
                for (int i = 0; i < n; i++) {
                    Transaction left = tx(users.get(rnd.nextInt(users.size())), transfer(), maxFee + rnd.nextInt(50), "");
                    view.add(pending(left, 40_000 + rnd.nextInt(80_000)));
                }
                break;
            }
            default:
                throw new IllegalArgumentException(kind.toString());
        }
        Collections.shuffle(view, rnd);
        return new Labelled(kind, txs, proposer.address(), MempoolView.of(view, MAX_BLOCK_TXS));
    }

    private KeyPair senderOf(Transaction tx) {
        for (KeyPair k : users) {
            if (k.publicKey().equals(tx.sender())) {
                return k;
            }
        }
        throw new IllegalStateException("unknown sender");
    }

    private List<Integer> shuffledIndices(int n) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, rnd);
        return idx;
    }

    private Payload honestPayload(long auction) {
        int r = rnd.nextInt(10);
        if (r == 0) {
            return new CreateAuction(pick(HONEST_ITEMS), 10 + rnd.nextInt(500), 1_000_000 + rnd.nextInt(1_000_000), 1);
        }
        if (r <= 2) {
            return new Bid(auction + rnd.nextInt(20), 10 + rnd.nextInt(1000));
        }
        return transfer();
    }

    private Transfer transfer() {
        return new Transfer(users.get(rnd.nextInt(users.size())).address(), 1 + rnd.nextInt(10_000));
    }

    private String honestMemo() {
        return rnd.nextInt(10) < 4 ? pick(HONEST_MEMOS) : "";
    }

    private long fee(long median) {
        // log-uniform within a factor 3 of the median
        return Math.max(1, Math.round(median * Math.exp((rnd.nextDouble() * 2 - 1) * Math.log(3))));
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private Transaction tx(KeyPair sender, Payload payload, long fee, String memo) {
        long nonce = nonces.merge(sender, 1L, Long::sum);
        return Transaction.sign(new TxBody(CHAIN, sender.publicKey(), nonce, fee, payload, memo), sender);
    }

    private static MempoolView.Pending pending(Transaction tx, long ageMillis) {
        long auction = tx.payload() instanceof Bid ? ((Bid) tx.payload()).auctionId() : 0;
        return new MempoolView.Pending(tx.hash(), tx.senderAddress(), tx.nonce(), tx.fee(), tx.size(), auction, ageMillis,
                !ProposalScorer.textOf(tx).isEmpty());
    }
}
