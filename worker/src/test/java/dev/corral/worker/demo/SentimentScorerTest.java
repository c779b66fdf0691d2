package dev.corral.worker.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SentimentScorerTest {
    private final SentimentScorer scorer = new SentimentScorer();

    @Test
    void clearCases() {
        assertEquals("positive", scorer.score("I loved this, absolutely wonderful and great value").label());
        assertEquals("negative", scorer.score("terrible, broke after a day, awful support, would not recommend").label());
        assertEquals("neutral", scorer.score("The package arrived on Tuesday.").label());
        assertEquals("neutral", scorer.score("").label());
    }

    @Test
    void negationFlips() {
        assertEquals("positive", scorer.score("good").label());
        assertEquals("negative", scorer.score("not good").label());
        assertEquals("negative", scorer.score("it isn't good at all").label());
        assertEquals("negative", scorer.score("not good, broke at once").label(), "negation ends at the comma");
    }

    @Test
    void whatFollowsButCountsMore() {
        assertEquals("negative", scorer.score("The screen is nice but the battery is terrible").label());
        assertEquals("positive", scorer.score("Shipping was slow but the product is excellent").label());
    }

    @Test
    void misspellingsStillCount() {
        assertEquals("negative", scorer.score("terible product, horible").label());
        assertTrue(scorer.score("fantastik").score() > 0);
    }

    @Test
    void deterministic() {
        String text = "Great sound, but the app keeps crashing and support was rude.";
        assertEquals(scorer.score(text), scorer.score(text));
    }
}
