package dev.corral.worker.servlet.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Form and query text into parameters, and the query's and body's into one map. */
class ParametersTest {
    private static final Charset UTF8 = StandardCharsets.UTF_8;

    private static Map<String, List<String>> query(String s) {
        Map<String, List<String>> into = new LinkedHashMap<>();
        Parameters.parseUrlEncoded(s, UTF8, into);
        return into;
    }

    private static Map<String, List<String>> body(byte[] b, Charset cs) {
        Map<String, List<String>> into = new LinkedHashMap<>();
        Parameters.parseUrlEncoded(b, cs, into);
        return into;
    }

    private static Map<String, List<String>> body(String ascii) {
        return body(ascii.getBytes(StandardCharsets.US_ASCII), UTF8);
    }

    @Test
    void namesKeepTheirFirstPlaceAndValuesAppend() {
        Map<String, List<String>> p = query("a=1&b=2&a=3");
        assertEquals(List.of("a", "b"), new ArrayList<>(p.keySet()));
        assertEquals(List.of("1", "3"), p.get("a"));
        assertEquals(List.of("2"), p.get("b"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "q=hello+world|q|hello world",
        "x=%26%3D%2B%25|x|&=+%",
        "a=b=c|a|b=c",
        "flag|flag|''",
        "flag=|flag|''",
        "n%41me=v|nAme|v",
        "sp+ace=1|sp ace|1",
        "e=%C3%A9t%C3%A9|e|été",
        "euro=%E2%82%AC|euro|€",
        "lower=%c3%a9|lower|é",
    })
    void decodesPlusAndEscapes(String input, String name, String value) {
        assertEquals(List.of(value), query(input).get(name), "query");
        assertEquals(List.of(value), body(input).get(name), "body");
    }

    @Test
    void emptyPairsAndPairsWithoutANameAreSkipped() {
        assertEquals(Map.of("a", List.of("1")), query("&&a=1&&"));
        assertEquals(Map.of("b", List.of("2")), query("=x&b=2&=&"));
        assertEquals(Map.of(), query(""));
        assertEquals(Map.of(), body(new byte[0], UTF8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a=100%|a|100%",
        "a=%zz|a|%zz",
        "a=%4|a|%4",
        "a=x+%g1+y|a|x+%g1+y",
    })
    void aMalformedEscapeKeepsTheTextAsSentAndSparesTheOtherPairs(String pair, String name, String raw) {
        for (Map<String, List<String>> p : List.of(query(pair + "&b=%41"), body(pair + "&b=%41"))) {
            assertEquals(List.of(raw), p.get(name));
            assertEquals(List.of("A"), p.get("b"));
        }
    }

    @Test
    void theNameAndTheValueAreDecodedApart() {
        Map<String, List<String>> p = query("n%41me=%zz&bad%=%41");
        assertEquals(List.of("%zz"), p.get("nAme"));
        assertEquals(List.of("A"), p.get("bad%"));
    }

    @Test
    void escapesAreBytesInTheGivenCharset() {
        Map<String, List<String>> latin = new LinkedHashMap<>();
        Parameters.parseUrlEncoded("e=%E9", StandardCharsets.ISO_8859_1, latin);
        assertEquals(List.of("é"), latin.get("e"));
        // Not UTF-8: the byte becomes U+FFFD rather than failing the request.
        assertEquals(List.of("\uFFFD"), query("e=%E9").get("e"));
        assertTrue(query("e=%E2%82x").get("e").get(0).startsWith("\uFFFD"));
        assertTrue(query("e=%E2%82x").get("e").get(0).endsWith("x"));
    }

    @Test
    void aBodysLiteralBytesAreDecodedInTheCharsetToo() {
        assertEquals(List.of("café"), body("n=café".getBytes(UTF8), UTF8).get("n"));
        assertEquals(List.of("café"), body("n=café".getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1).get("n"));
        // Literal and escaped bytes of one character: one UTF-8 sequence.
        byte[] mixed = {'n', '=', (byte) 0xC3, '%', 'A', '9'};
        assertEquals(List.of("é"), body(mixed, UTF8).get("n"));
        // A malformed escape keeps the pair's text, its literal bytes still read in the charset.
        assertEquals(List.of("é%"), body("n=é%".getBytes(UTF8), UTF8).get("n"));
    }

    @Test
    void aQuerysLiteralCharactersAreTakenAsTheyAre() {
        assertEquals(List.of("café€"), query("n=café%E2%82%AC").get("n"));
    }

    @Test
    void parsingIntoAFilledMapAppends() {
        Map<String, List<String>> p = query("a=1&b=2");
        Parameters.parseUrlEncoded("c=3&a=4".getBytes(UTF8), UTF8, p);
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(p.keySet()));
        assertEquals(List.of("1", "4"), p.get("a"));
    }

    @Test
    void theLimitCountsEveryValueInTheMap() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        Parameters.parseUrlEncoded("a=1&a=2", UTF8, p, 3);
        TooManyParametersException e = assertThrows(TooManyParametersException.class,
                () -> Parameters.parseUrlEncoded("b=1&c=2", UTF8, p, 3));
        assertEquals(3, e.limit());
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        assertEquals(List.of("1"), p.get("b"));
        // The bridge may catch what Tomcat's callers catch.
        assertTrue(IllegalStateException.class.isAssignableFrom(TooManyParametersException.class));
    }

    @Test
    void skippedPairsDoNotCountAndANegativeLimitIsNone() {
        Parameters.parseUrlEncoded("&&=x&a=1", UTF8, new LinkedHashMap<>(), 1);
        Map<String, List<String>> p = new LinkedHashMap<>();
        Parameters.parseUrlEncoded("a=1&a=2&a=3", UTF8, p, -1);
        assertEquals(3, p.get("a").size());
    }

    @Test
    void theDefaultLimitIsTomcats() {
        assertEquals(10_000, Parameters.DEFAULT_MAX_PARAMETERS);
        String atLimit = "p=1&".repeat(Parameters.DEFAULT_MAX_PARAMETERS);
        assertEquals(10_000, query(atLimit).get("p").size());
        assertThrows(TooManyParametersException.class, () -> query(atLimit + "q"));
        assertThrows(TooManyParametersException.class, () -> body(atLimit + "q"));
    }

    @Test
    void mergeOrdersNamesByFirstAppearanceAndAppendsValues() {
        Map<String, List<String>> queryParams = query("a=1&b=2");
        Map<String, List<String>> bodyParams = body("c=3&a=4");
        Map<String, String[]> merged = Parameters.merge(queryParams, bodyParams);
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(merged.keySet()));
        assertArrayEquals(new String[] {"1", "4"}, merged.get("a"));
        assertArrayEquals(new String[] {"2"}, merged.get("b"));
        assertArrayEquals(new String[] {"3"}, merged.get("c"));
        assertThrows(UnsupportedOperationException.class, () -> merged.put("d", new String[0]));
        assertEquals(Map.of(), Parameters.merge());
        // The sources are left alone.
        assertEquals(List.of("1"), queryParams.get("a"));
    }
}
