package io.cnn4j.examples.util;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Off a terminal, progress is a plain line at every 10 % (and for each status), never a redrawn frame. */
class ProgressTest {
    private static List<String> lines(long start, long total, int updates) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             Progress p = new Progress("job", start, total, 0, Progress.Mode.PLAIN, ps)) {
            for (long i = start + 1; i <= start + updates; i++) p.update(i, "loss 1");
            p.status("evaluating…");
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void oneLinePerTenPercent() {
        List<String> l = lines(0, 200, 200);
        assertEquals(11, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("job:  10% (20/200), 0:00:0"), l.get(0));
        assertTrue(l.get(9).startsWith("job: 100% (200/200)"), l.get(9));
        assertEquals("job: evaluating…", l.get(10));
        assertTrue(l.stream().noneMatch(s -> s.contains("\r")));
    }

    @Test
    void aResumedRunContinuesFromItsPercentage() {
        List<String> l = lines(55, 100, 45);
        assertEquals(6, l.size(), l.toString()); // 60 % .. 100 %, then the status line
        assertTrue(l.get(0).startsWith("job:  60% (60/100)"), l.get(0));
    }

    @Test
    void quietPrintsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             Progress p = new Progress("job", 0, 10, 0, null, ps)) {
            for (int i = 1; i <= 10; i++) p.update(i, "x");
            p.status("evaluating…");
        }
        assertEquals(0, bytes.size());
    }

    @Test
    void clockFormat() {
        assertEquals("0:00:05", Progress.clock(5.4));
        assertEquals("1:01:01", Progress.clock(3661));
    }
}
