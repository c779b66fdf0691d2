package dev.corral.worker.servlet.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.MappingMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlPatternsTest {

    @Test
    void theFiveKindsOfTheSpecAreValid() {
        for (String p : List.of("", "/", "/*", "/foo/*", "/foo/bar/*", "/foo", "/foo/", "/foo.html",
                "*.do", "*.htaccess", "/with space", "/caf\u00e9", "/a.b/c", "/q?x")) {
            assertNull(UrlPatterns.validate(p), p);
        }
    }

    @Test
    void eachInvalidPatternHasAReason() {
        assertEquals("is missing", UrlPatterns.validate(null));
        assertTrue(UrlPatterns.validate("foo").contains("must start with '/' or '*.'"));
        assertTrue(UrlPatterns.validate("foo/*").contains("must start with '/'"));
        assertTrue(UrlPatterns.validate("*").contains("must start with '/'"));
        assertTrue(UrlPatterns.validate("*.").contains("empty extension"));
        assertTrue(UrlPatterns.validate("*.do/x").contains("'/'"));
        assertTrue(UrlPatterns.validate("*.d*").contains("second '*'"));
        assertTrue(UrlPatterns.validate("*.tar.gz").contains("could never match"));
        for (String p : List.of("/foo*", "/*.do", "/foo/*/bar", "/**", "/foo/**", "/*x")) {
            assertTrue(UrlPatterns.validate(p).contains("'*'"), p);
        }
        assertTrue(UrlPatterns.validate("/foo\n").contains("control character"));
        assertTrue(UrlPatterns.validate("\r/foo").contains("control character"));
        assertTrue(UrlPatterns.validate("/a\tb").contains("control character"));
    }

    @Test
    void requireValidThrowsAOneLineMessageNamingThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlPatterns.requireValid("/foo*"));
        assertTrue(e.getMessage().startsWith("url-pattern \"/foo*\" "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        UrlPatterns.requireValid("/foo/*");
    }

    @Test
    void kindsFollowTheSpecification() {
        assertEquals(MappingMatch.CONTEXT_ROOT, UrlPatterns.kindOf(""));
        assertEquals(MappingMatch.DEFAULT, UrlPatterns.kindOf("/"));
        assertEquals(MappingMatch.PATH, UrlPatterns.kindOf("/*"));
        assertEquals(MappingMatch.PATH, UrlPatterns.kindOf("/foo/*"));
        assertEquals(MappingMatch.EXTENSION, UrlPatterns.kindOf("*.jsp"));
        assertEquals(MappingMatch.EXACT, UrlPatterns.kindOf("/foo"));
        assertEquals(MappingMatch.EXACT, UrlPatterns.kindOf("/foo/"));
        assertThrows(IllegalArgumentException.class, () -> UrlPatterns.kindOf("bar"));
    }

    @Test
    void slashStarAndTheDefaultMatchEveryPath() {
        for (String path : List.of("/", "", "/a", "/a/b.c", "/a/")) {
            assertTrue(UrlPatterns.matches("/*", path), path);
            assertTrue(UrlPatterns.matches("/", path), path);
        }
    }

    @Test
    void theEmptyPatternMatchesOnlyTheContextRoot() {
        assertTrue(UrlPatterns.matches("", "/"));
        assertTrue(UrlPatterns.matches("", ""));
        assertFalse(UrlPatterns.matches("", "/index.html"));
    }

    @Test
    void anExactPatternMatchesOnlyItself() {
        assertTrue(UrlPatterns.matches("/catalog", "/catalog"));
        assertFalse(UrlPatterns.matches("/catalog", "/catalog/"));
        assertFalse(UrlPatterns.matches("/catalog", "/catalog/index.html"));
        assertFalse(UrlPatterns.matches("/catalog", "/Catalog"));
        assertTrue(UrlPatterns.matches("/catalog/", "/catalog/"));
    }

    @Test
    void aPathPatternMatchesItsPrefixAndWhatIsBelowIt() {
        assertTrue(UrlPatterns.matches("/foo/*", "/foo"));
        assertTrue(UrlPatterns.matches("/foo/*", "/foo/"));
        assertTrue(UrlPatterns.matches("/foo/*", "/foo/bar/baz.html"));
        assertFalse(UrlPatterns.matches("/foo/*", "/foobar"));
        assertFalse(UrlPatterns.matches("/foo/*", "/fo"));
        assertFalse(UrlPatterns.matches("/foo/*", "/"));
        assertFalse(UrlPatterns.matches("/foo/*", "/FOO/bar"));
        assertTrue(UrlPatterns.matches("/foo/bar/*", "/foo/bar"));
        assertFalse(UrlPatterns.matches("/foo/bar/*", "/foo"));
    }

    @Test
    void anExtensionPatternLooksAtTheLastSegmentOnly() {
        assertTrue(UrlPatterns.matches("*.do", "/a.do"));
        assertTrue(UrlPatterns.matches("*.do", "/x/y/z.do"));
        assertTrue(UrlPatterns.matches("*.do", "/x/.do"));
        assertTrue(UrlPatterns.matches("*.gz", "/x/a.tar.gz"));
        assertFalse(UrlPatterns.matches("*.do", "/a.do/b"));
        assertFalse(UrlPatterns.matches("*.do", "/a.do/"));
        assertFalse(UrlPatterns.matches("*.do", "/a.DO"));
        assertFalse(UrlPatterns.matches("*.do", "/ado"));
        assertFalse(UrlPatterns.matches("*.do", "/a.ddo"));
        assertFalse(UrlPatterns.matches("*.do", "/a.do."));
        assertFalse(UrlPatterns.matches("*.tar", "/x/a.tar.gz"));
    }

    @Test
    void matchesRefusesAnInvalidPatternOrAPathWithoutSlash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlPatterns.matches("/a*", "/a"));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("\"/a*\""));
        assertThrows(IllegalArgumentException.class, () -> UrlPatterns.matches("/*", "*"));
        assertThrows(IllegalArgumentException.class, () -> UrlPatterns.matches("/*", null));
    }
}
