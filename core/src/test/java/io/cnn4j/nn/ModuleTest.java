package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The child registry composite modules build on ({@link Module#addModule}). */
class ModuleTest {

    /** A composite with two registered children and an explicit (identity) forward/backward. */
    static final class Pair extends Module {
        final Identity a, b;
        Pair() {
            a = addModule("a", new Identity());
            b = addModule("b", new Identity());
        }
        void addAgain(String name) { addModule(name, new Identity()); }
        @Override public Tensor forward(Tensor x) { return b.forward(a.forward(x)); }
        @Override public Tensor backward(Tensor dY) { return a.backward(b.backward(dY)); }
    }

    @Test
    void registeredChildrenKeepOrderAndFollowTrainEval() {
        Pair p = new Pair();
        assertEquals(List.of("a", "b"), List.copyOf(p.children().keySet()));
        assertSame(p.a, p.children().get("a"));
        p.eval();
        assertFalse(p.a.isTraining());
        assertFalse(p.b.isTraining());
        p.train();
        assertTrue(p.b.isTraining());
    }

    @Test
    void duplicateOrDottedNamesAreRejected() {
        Pair p = new Pair();
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> p.addAgain("a"));
        assertTrue(dup.getMessage().contains("'a' exists already"), dup.getMessage());
        IllegalArgumentException dot = assertThrows(IllegalArgumentException.class, () -> p.addAgain("x.y"));
        assertTrue(dot.getMessage().contains("invalid child name 'x.y'"), dot.getMessage());
    }
}
