package io.cnn4j.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CosineAnnealingLRTest {

    @Test
    void followsTheClosedForm() {
        Adam adam = new Adam(OptimizerTest.params(), 1e-3);
        CosineAnnealingLR sched = new CosineAnnealingLR(adam, 10, 1e-5);
        assertEquals(1e-3, adam.lr(), 0.0);
        for (int t = 1; t <= 10; t++) {
            sched.step();
            double expected = 1e-5 + (1e-3 - 1e-5) * (1 + Math.cos(Math.PI * t / 10)) / 2;
            assertEquals(expected, adam.lr(), 1e-18, "t=" + t);
            assertEquals(t, sched.lastEpoch());
        }
        assertEquals(1e-5, adam.lr(), 1e-18, "reaches eta_min at T_max");
        assertEquals(5.05e-4, new CosineAnnealingLR(new SGD(OptimizerTest.params(), 1e-3), 4, 1e-5) {{ setLastEpoch(2); }}.lr(), 1e-15,
                "halfway: (base + eta_min)/2");
    }

    @Test
    void resumeJumpsToTheSavedCounter() {
        SGD sgd = new SGD(OptimizerTest.params(), 0.1);
        CosineAnnealingLR a = new CosineAnnealingLR(sgd, 100);
        for (int i = 0; i < 37; i++) a.step();
        double lr37 = sgd.lr();
        SGD other = new SGD(OptimizerTest.params(), 0.1);
        new CosineAnnealingLR(other, 100).setLastEpoch(37);
        assertEquals(lr37, other.lr(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLR(sgd, 0));
    }
}
