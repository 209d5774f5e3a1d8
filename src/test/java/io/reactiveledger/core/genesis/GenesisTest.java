package io.reactiveledger.core.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.crypto.PublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenesisTest {
    private static final String VALID = """
            {"chainId":"c1","genesisTimeMs":5,
             "validators":[{"name":"a","publicKey":"%s","power":2}],
             "accounts":[{"address":"%s","balance":100}]}""";

    private static String valid() {
        return VALID.formatted(KeyPair.deterministic("v").publicKey().hex(), KeyPair.deterministic("x").address().hex());
    }

    @Test
    void shippedDevnetGenesisMatchesTheGenerator() throws Exception {
        Genesis shipped = Genesis.read(Path.of("config", "genesis.json"));
        Genesis generated = DevnetGenesis.create(4);
        assertEquals(generated.hash(), shipped.hash(), "config/genesis.json is out of date with DevnetGenesis");
        assertEquals(Files.readString(Path.of("config", "genesis.json")).strip(),
                generated.toJson(DevnetGenesis.notes()).strip());
        assertEquals(4, shipped.validators().size());
        assertEquals(4 * DevnetGenesis.DEMO_BALANCE + DevnetGenesis.ORACLE_BALANCE, shipped.state().totalSupply());
        assertEquals(java.util.List.of(DevnetGenesis.key(DevnetGenesis.ORACLE).address()), shipped.oracles());
    }

    @Test
    void parsesBalancesAndValidators() {
        Genesis g = Genesis.parse(valid());
        assertEquals("c1", g.chainId());
        assertEquals(100, g.state().account(KeyPair.deterministic("x").address()).balance());
        assertEquals(2, g.validators().totalPower());
        assertEquals(g.hash(), Genesis.parse(g.toJson(Map.of())).hash());
    }

    @Test
    void hashCommitsToEveryPart() {
        Genesis g = Genesis.parse(valid());
        Address x = KeyPair.deterministic("x").address();
        List<Validator> vs = List.of(new Validator(KeyPair.deterministic("v").publicKey(), 2, "a"));
        assertNotEquals(g.hash(), new Genesis("c2", 5, vs, Map.of(x, 100L)).hash());
        assertNotEquals(g.hash(), new Genesis("c1", 6, vs, Map.of(x, 100L)).hash());
        assertNotEquals(g.hash(), new Genesis("c1", 5, vs, Map.of(x, 101L)).hash());
        assertNotEquals(g.hash(), new Genesis("c1", 5,
                List.of(new Validator(KeyPair.deterministic("v").publicKey(), 3, "a")), Map.of(x, 100L)).hash());
    }

    @Test
    void refusesBadGenesisFiles() {
        String pk = KeyPair.deterministic("v").publicKey().hex();
        String addr = KeyPair.deterministic("x").address().hex();
        assertBad("not json");
        assertBad("{\"chainId\":\"c1\",\"genesisTimeMs\":5,\"validators\":[],\"accounts\":[]}");
        assertBad(VALID.formatted(pk, addr).replace("\"c1\"", "\"Bad Chain\""));
        assertBad(VALID.formatted(pk, addr).replace("100", "0"));
        assertBad(VALID.formatted(pk, addr).replace("\"power\":2", "\"power\":0"));
        assertBad(VALID.formatted(pk, addr).replace("\"genesisTimeMs\"", "\"surprise\":1,\"genesisTimeMs\""));
        assertBad(VALID.formatted("01" + "00".repeat(31), addr)); // small-order key
        assertBad(VALID.formatted(pk, "abcd"));
        assertBad("""
                {"chainId":"c1","genesisTimeMs":5,"validators":[{"name":"a","publicKey":"%s","power":1}],
                 "accounts":[{"address":"%s","balance":1},{"address":"%s","balance":2}]}""".formatted(pk, addr, addr));
        assertThrows(IllegalArgumentException.class, () -> new Genesis("c1", 0,
                List.of(new Validator(PublicKey.fromHex(pk), 1, "a")),
                Map.of(KeyPair.deterministic("p").address(), Long.MAX_VALUE, KeyPair.deterministic("q").address(), 1L)));
    }

    private static void assertBad(String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Genesis.parse(json), json);
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
}
