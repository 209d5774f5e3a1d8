package io.reactiveledger.core.state;

/** Stable receipt codes of the core state machine (contracts add their own, such as BID_TOO_LOW). */
public final class ReceiptCodes {
    public static final String OK = "OK";
    // rejected: nothing charged
    public static final String WRONG_CHAIN = "WRONG_CHAIN";
    public static final String BAD_SIGNATURE = "BAD_SIGNATURE";
    public static final String BAD_NONCE = "BAD_NONCE";
    public static final String INSUFFICIENT_FEE_BALANCE = "INSUFFICIENT_FEE_BALANCE";
    // failed: fee charged, nonce consumed
    public static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    public static final String UNKNOWN_CONTRACT = "UNKNOWN_CONTRACT";
    public static final String UNKNOWN_CONTRACT_TYPE = "UNKNOWN_CONTRACT_TYPE";
    public static final String CONTRACT_INSOLVENT = "CONTRACT_INSOLVENT";
    public static final String ARITHMETIC_OVERFLOW = "ARITHMETIC_OVERFLOW";

    private ReceiptCodes() {
    }
}
