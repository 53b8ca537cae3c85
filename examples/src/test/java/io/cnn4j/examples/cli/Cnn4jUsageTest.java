package io.cnn4j.examples.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class Cnn4jUsageTest {

    @Test
    void helpListsCommandsAndExitsZero() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("backends"), r::toString);
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Missing command"), r::toString);
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun r = CliRun.of("frobnicate");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("frobnicate"), r::toString);
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = CliRun.of("backends", "--bogus");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--bogus"), r::toString);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }

    @Test
    void backendsListsWhatAutoPicksAndHowToChoose() {
        CliRun r = CliRun.of("backends");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("auto picks:"), r::toString);
        assertTrue(r.out().contains("CNN4J_BACKEND"), r::toString);
    }

    @Test
    void benchHelpListsTheRegisteredModels() {
        CliRun r = CliRun.of("bench", "--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Model to benchmark: seed"), r::toString);
        assertTrue(r.out().contains("--json=FILE"), r::toString);
    }

    @Test
    void divergenceIsReportedAsABadLearningRate() {
        CliRun r = CliRun.of("bench", "--backend", "reference", "--batch", "1", "--steps", "3", "--warmup", "0", "--repeats", "1", "--lr", "1e30");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("training diverged") && r.err().contains("smaller --lr"), r::toString);
    }
}
