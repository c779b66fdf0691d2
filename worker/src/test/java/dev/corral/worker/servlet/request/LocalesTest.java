package dev.corral.worker.servlet.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Accept-Language into the locales of getLocales(). */
class LocalesTest {
    private static List<String> tags(String... headers) {
        return Locales.parseAcceptLanguage(Arrays.asList(headers)).stream().map(Locale::toLanguageTag).toList();
    }

    @Test
    void highestWeightFirst() {
        assertEquals(List.of("da", "en-GB", "en"), tags("en;q=0.7, da, en-gb;q=0.8"));
        assertEquals(Locale.UK, Locales.parseAcceptLanguage(List.of("en-GB")).get(0));
    }

    @Test
    void equalWeightsKeepTheOrderSent() {
        assertEquals(List.of("en", "fr", "de", "it"), tags("fr;q=0.5, de;q=0.5, en, it;q=0.5"));
        assertEquals(List.of("fr", "de"), tags("fr", "de"));
    }

    @Test
    void fieldsAreReadTogether() {
        assertEquals(List.of("de", "fr", "en"), tags("en;q=0.1, fr;q=0.5", "de"));
    }

    @Test
    void zeroWeightAndTheWildcardNameNoLocale() {
        assertEquals(List.of("fr"), tags("en;q=0, *, fr, de;q=0.000, *;q=0.5"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en_US", "en;q=2", "en;q=1.5", "en;q=0.1234", "en;q=.5", "en;level=1", "12-34",
        "toolongtag", "en-", "en;q=", "en;;q=0.5", "x-private", "en fr"})
    void aMalformedEntryIsSkippedAndTheRestRead(String entry) {
        assertEquals(List.of("de", "fr"), tags("de, " + entry + ", fr;q=0.9"));
    }

    @Test
    void weightsAndSpacesAsTheGrammarAllows() {
        assertEquals(List.of("en-US", "fr", "de"), tags("  de ; q=0.001 ,fr;Q=0.5,en-US;q=1.000,,"));
        assertEquals(List.of("zh-Hant-TW"), tags("zh-Hant-TW"));
    }

    @Test
    void noLanguagesIsAnEmptyList() {
        assertEquals(List.of(), tags());
        assertEquals(List.of(), tags("", " , "));
        assertEquals(List.of(), Locales.parseAcceptLanguage(null));
    }
}
