package dev.corral.worker.servlet.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.MappingMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathMapperTest {

    private static PathMapper<String> mapper(String... patternThenTarget) {
        PathMapper<String> m = new PathMapper<>();
        for (int i = 0; i < patternThenTarget.length; i += 2) {
            m.add(patternThenTarget[i], patternThenTarget[i + 1]);
        }
        return m;
    }

    private static void assertMatch(Match<String> m, String target, String servletPath, String pathInfo,
            MappingMatch type, String matchValue, String pattern) {
        assertEquals(new Match<>(target, servletPath, pathInfo, type, matchValue, pattern), m);
    }

    private static String target(PathMapper<String> m, String path) {
        Match<String> match = m.match(path);
        return match == null ? null : match.target();
    }

    @Test
    void theSpecsExampleMappingSet() {
        // Servlet 6.1 tables 12-1 and 12-2.
        PathMapper<String> m = mapper("/foo/bar/*", "servlet1", "/baz/*", "servlet2", "/catalog", "servlet3",
                "*.bop", "servlet4", "/", "default");
        assertEquals("servlet1", target(m, "/foo/bar/index.html"));
        assertEquals("servlet1", target(m, "/foo/bar/index.bop"));
        assertEquals("servlet2", target(m, "/baz"));
        assertEquals("servlet2", target(m, "/baz/index.html"));
        assertEquals("servlet3", target(m, "/catalog"));
        assertEquals("default", target(m, "/catalog/index.html"));
        assertEquals("servlet4", target(m, "/catalog/racecar.bop"));
        assertEquals("servlet4", target(m, "/index.bop"));
    }

    @Test
    void theHttpServletMappingJavadocTable() {
        PathMapper<String> m = mapper("/MyServlet", "MyServlet", "", "MyServlet", "*.extension", "MyServlet",
                "/path/*", "MyServlet", "/", "default");
        assertMapping(m, "", "", "", MappingMatch.CONTEXT_ROOT);
        assertMapping(m, "/index.html", "", "/", MappingMatch.DEFAULT);
        assertMapping(m, "/MyServlet/index.html", "", "/", MappingMatch.DEFAULT);
        assertMapping(m, "/MyServlet", "MyServlet", "/MyServlet", MappingMatch.EXACT);
        assertMapping(m, "/MyServlet/foo", "", "/", MappingMatch.DEFAULT);
        assertMapping(m, "/foo.extension", "foo", "*.extension", MappingMatch.EXTENSION);
        assertMapping(m, "/bar/foo.extension", "bar/foo", "*.extension", MappingMatch.EXTENSION);
        assertMapping(m, "/path/foo", "foo", "/path/*", MappingMatch.PATH);
        assertMapping(m, "/path/foo/bar", "foo/bar", "/path/*", MappingMatch.PATH);
    }

    private static void assertMapping(PathMapper<String> m, String path, String matchValue, String pattern,
            MappingMatch type) {
        Match<String> match = m.match(path);
        HttpServletMapping mapping = match.mapping(match.target());
        assertEquals(matchValue, mapping.getMatchValue(), path);
        assertEquals(pattern, mapping.getPattern(), path);
        assertEquals(type, mapping.getMappingMatch(), path);
        assertEquals(match.target(), mapping.getServletName(), path);
    }

    @Test
    void theContextRootHasAnEmptyServletPathAndSlashPathInfo() {
        PathMapper<String> m = mapper("", "home", "/", "default");
        assertMatch(m.match("/"), "home", "", "/", MappingMatch.CONTEXT_ROOT, "", "");
        assertMatch(m.match(""), "home", "", "/", MappingMatch.CONTEXT_ROOT, "", "");
        assertEquals("default", target(m, "/index.html"));
    }

    @Test
    void theDefaultServletGetsTheWholePathAsServletPath() {
        PathMapper<String> m = mapper("/", "default");
        assertMatch(m.match("/"), "default", "/", null, MappingMatch.DEFAULT, "", "/");
        assertMatch(m.match("/a/b.css"), "default", "/a/b.css", null, MappingMatch.DEFAULT, "", "/");
    }

    @Test
    void anExactMatchHasNoPathInfo() {
        PathMapper<String> m = mapper("/catalog", "c", "/catalog/", "slash");
        assertMatch(m.match("/catalog"), "c", "/catalog", null, MappingMatch.EXACT, "catalog", "/catalog");
        assertMatch(m.match("/catalog/"), "slash", "/catalog/", null, MappingMatch.EXACT, "catalog/", "/catalog/");
        assertNull(m.match("/catalog/x"));
        assertNull(m.match("/Catalog"));
    }

    @Test
    void aPathMatchSplitsAtItsPrefix() {
        PathMapper<String> m = mapper("/foo/*", "foo");
        assertMatch(m.match("/foo"), "foo", "/foo", null, MappingMatch.PATH, "", "/foo/*");
        assertMatch(m.match("/foo/"), "foo", "/foo", "/", MappingMatch.PATH, "", "/foo/*");
        assertMatch(m.match("/foo/bar"), "foo", "/foo", "/bar", MappingMatch.PATH, "bar", "/foo/*");
        assertMatch(m.match("/foo/bar/baz.x"), "foo", "/foo", "/bar/baz.x", MappingMatch.PATH, "bar/baz.x", "/foo/*");
        assertNull(m.match("/foobar"));
        assertNull(m.match("/fo"));
        assertNull(m.match("/"));
    }

    @Test
    void slashStarHasAnEmptyServletPath() {
        PathMapper<String> m = mapper("/*", "all");
        assertMatch(m.match("/"), "all", "", "/", MappingMatch.PATH, "", "/*");
        assertMatch(m.match(""), "all", "", "/", MappingMatch.PATH, "", "/*");
        assertMatch(m.match("/a/b"), "all", "", "/a/b", MappingMatch.PATH, "a/b", "/*");
    }

    @Test
    void theLongestPrefixWins() {
        PathMapper<String> m = mapper("/*", "root", "/a/*", "a", "/a/b/*", "ab", "/a/b/c/*", "abc");
        assertMatch(m.match("/a/b/cd"), "ab", "/a/b", "/cd", MappingMatch.PATH, "cd", "/a/b/*");
        assertEquals("abc", target(m, "/a/b/c"));
        assertEquals("abc", target(m, "/a/b/c/d/e"));
        assertEquals("a", target(m, "/a/bc"));
        assertEquals("a", target(m, "/a"));
        assertEquals("root", target(m, "/ab"));
        assertEquals("root", target(m, "/"));
    }

    @Test
    void anExtensionMatchKeepsTheWholePathAsServletPath() {
        PathMapper<String> m = mapper("*.do", "action");
        assertMatch(m.match("/a/b.do"), "action", "/a/b.do", null, MappingMatch.EXTENSION, "a/b", "*.do");
        assertMatch(m.match("/.do"), "action", "/.do", null, MappingMatch.EXTENSION, "", "*.do");
        assertMatch(m.match("/x.y.do"), "action", "/x.y.do", null, MappingMatch.EXTENSION, "x.y", "*.do");
        assertNull(m.match("/a.do/b"));
        assertNull(m.match("/a.do/"));
        assertNull(m.match("/a.DO"));
        assertNull(m.match("/ado"));
    }

    @Test
    void precedenceIsExactThenPrefixThenExtensionThenDefault() {
        PathMapper<String> m = mapper("/shop/cart.do", "exact", "/shop/*", "prefix", "*.do", "ext", "/", "default",
                "", "root");
        assertEquals("exact", target(m, "/shop/cart.do"));
        assertEquals("prefix", target(m, "/shop/list.do"));
        assertEquals("prefix", target(m, "/shop"));
        assertEquals("ext", target(m, "/other/list.do"));
        assertEquals("default", target(m, "/other/list.html"));
        assertEquals("root", target(m, "/"));
    }

    @Test
    void slashStarBeatsExtensionsAndTheDefaultButNotTheContextRootOrExactPatterns() {
        PathMapper<String> m = mapper("/*", "all", "*.jsp", "jsp", "/", "default", "", "root", "/health", "health");
        assertEquals("all", target(m, "/index.jsp"));
        assertEquals("all", target(m, "/x"));
        assertEquals("root", target(m, "/"));
        assertEquals("health", target(m, "/health"));
        assertEquals("all", target(m, "/health/x"));
    }

    @Test
    void nothingMatchesWithoutADefault() {
        PathMapper<String> m = mapper("/api/*", "api", "*.do", "do");
        assertNull(m.match("/index.html"));
        assertNull(m.match("/"));
        assertNull(new PathMapper<String>().match("/"));
    }

    @Test
    void aPathMustStartWithSlash() {
        PathMapper<String> m = mapper("/", "default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.match("*"));
        assertTrue(e.getMessage().contains("\"*\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.match("index.html"));
        assertThrows(IllegalArgumentException.class, () -> m.match(null));
    }

    @Test
    void anInvalidPatternIsRefusedNamingItAndMapsNothing() {
        PathMapper<String> m = new PathMapper<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add("/foo*", "x"));
        assertTrue(e.getMessage().startsWith("url-pattern \"/foo*\""), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(IllegalArgumentException.class, () -> m.add("foo", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.add(null, "x"));
        assertFalse(m.isMapped("/foo*"));
        assertTrue(m.mappings().isEmpty());
    }

    @Test
    void aPatternMappedTwiceIsADeploymentError() {
        for (String p : List.of("", "/", "/*", "/a/*", "*.do", "/exact")) {
            PathMapper<String> m = mapper(p, "first");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add(p, "second"));
            assertTrue(e.getMessage().contains("\"" + p + "\" is mapped twice, to first and to second"), e.getMessage());
            assertEquals("first", m.mappings().get(p));
        }
        // The same target twice is still a duplicate mapping.
        PathMapper<String> same = mapper("/a", "s");
        assertThrows(IllegalArgumentException.class, () -> same.add("/a", "s"));
    }

    @Test
    void patternsThatLookAlikeAreDistinct() {
        PathMapper<String> m = mapper("/a", "exact", "/a/*", "prefix", "/a/", "slash");
        assertEquals("exact", target(m, "/a"));
        assertEquals("slash", target(m, "/a/"));
        assertEquals("prefix", target(m, "/a/b"));
    }

    @Test
    void aNullTargetIsRefused() {
        assertThrows(NullPointerException.class, () -> new PathMapper<String>().add("/a", null));
    }

    @Test
    void patternsOfATargetComeInTheOrderTheyWereAdded() {
        PathMapper<String> m = mapper("/b", "s1", "*.x", "s2", "/a/*", "s1", "", "s1");
        assertEquals(List.of("/b", "/a/*", ""), List.copyOf(m.patterns("s1")));
        assertEquals(List.of("*.x"), List.copyOf(m.patterns("s2")));
        assertTrue(m.patterns("none").isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> m.patterns("s1").clear());
        assertTrue(m.isMapped(""));
        assertTrue(m.isMapped("/a/*"));
        assertFalse(m.isMapped("/a"));
        assertEquals(List.of("/b", "*.x", "/a/*", ""), List.copyOf(m.mappings().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> m.mappings().put("/c", "s3"));
    }

    @Test
    void theMappingIsAnImmutableValue() {
        Match<String> match = mapper("/path/*", "s").match("/path/x");
        HttpServletMapping a = match.mapping("Named");
        assertEquals("Named", a.getServletName());
        assertEquals(a, match.mapping("Named"));
        assertEquals(Map.of("x", "/path/*"), Map.of(a.getMatchValue(), a.getPattern()));
    }

    @Test
    void aMatchNeedsItsFields() {
        assertThrows(IllegalArgumentException.class,
                () -> new Match<>("t", null, null, MappingMatch.EXACT, "", "/a"));
        assertThrows(IllegalArgumentException.class, () -> new Match<>("t", "/a", null, null, "", "/a"));
    }
}
