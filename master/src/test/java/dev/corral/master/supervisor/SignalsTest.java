package dev.corral.master.supervisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void usr2IsCorralsOnlyWhenTheJvmSuspendsThreadsWithAnotherSignal() {
        assertTrue(Signals.usr2IsFree("40"));
        assertTrue(Signals.usr2IsFree(" 40 "));
        assertFalse(Signals.usr2IsFree(null), "unset: the JVM uses USR2");
        assertFalse(Signals.usr2IsFree("12"), "12 is USR2 itself");
        assertFalse(Signals.usr2IsFree("forty"));
    }
}
