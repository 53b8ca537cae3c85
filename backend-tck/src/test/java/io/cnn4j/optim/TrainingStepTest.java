package io.cnn4j.optim;

import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/** The one training step: it learns, steps the scheduler, and stops before backward on a non-finite loss. */
class TrainingStepTest {

    @Test
    void stepsLearnAndAdvanceTheScheduler() {
        Linear model = new Linear(ctx(1), 3, 1);
        SGD opt = new SGD(model.namedParameters(), 0.1);
        StepLR schedule = new StepLR(opt, 5, 0.5);
        TrainingStep<Tensor> step = new TrainingStep<>(model, new MSELoss(), opt, schedule);
        Tensor x = randn(2, 8, 3), target = randn(3, 8, 1);
        double first = step.run(backend(), () -> x, target), last = first;
        for (int i = 1; i < 10; i++) last = step.run(backend(), () -> x, target);
        assertTrue(last < first, first + " -> " + last);
        assertEquals(10, step.steps());
        assertEquals(10, schedule.lastEpoch());
        assertEquals(0.025, opt.lr(), 1e-15);
    }

    @Test
    void aNonFiniteLossStopsBeforeTheWeightsChange() {
        Linear model = new Linear(ctx(2), 2, 1);
        SGD opt = new SGD(model.namedParameters(), 0.1, 0.9);
        TrainingStep<Tensor> step = new TrainingStep<>(model, new MSELoss(), opt, null);
        Parameter w = model.namedParameters().get("weight");
        double[] before = w.value().toDoubleArray();
        Tensor nan = tensor(new double[]{Double.NaN, 1}, 1, 2);
        String m = assertThrows(IllegalStateException.class, () -> step.run(backend(), () -> nan, tensor(new double[]{0}, 1, 1))).getMessage();
        assertTrue(m.contains("diverged at step 1") && m.contains("NaN"), m);
        assertArrayEquals(before, w.value().toDoubleArray(), 0.0);
        assertEquals(0, opt.stepCount());
    }
}
