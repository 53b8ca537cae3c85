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
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> step.run(backend(), () -> nan, tensor(new double[]{0}, 1, 1)));
        assertTrue(e.getMessage().contains("diverged at step 1") && e.getMessage().contains("NaN"), e.getMessage());
        assertEquals(1, e.step());
        assertTrue(Double.isNaN(e.loss()));
        assertArrayEquals(before, w.value().toDoubleArray(), 0.0);
        assertEquals(0, opt.stepCount());
    }

    @Test
    void externalGradientsStepTheOptimizerAndANonFiniteLossStopsBeforeIt() {
        Linear model = new Linear(ctx(3), 2, 1);
        SGD opt = new SGD(model.namedParameters(), 0.5);
        StepLR schedule = new StepLR(opt, 1, 0.5);
        TrainingStep<Void> step = TrainingStep.withExternalGradients(model, opt, schedule);
        Parameter w = model.namedParameters().get("weight");
        double[] before = w.value().toDoubleArray();
        // The gradient source writes dL/dw = 1 for every weight (and nothing for the bias): w <- w - 0.5, bias kept.
        double loss = step.run(backend(), () -> {
            Tensor ones = backend().zeros(w.value().dtype(), w.value().shape());
            backend().fill(ones, 1.0);
            w.accumulateGrad(ones);
            return 0.25;
        });
        assertEquals(0.25, loss);
        double[] after = w.value().toDoubleArray();
        for (int i = 0; i < before.length; i++) assertEquals(before[i] - 0.5, after[i], 1e-15);
        assertEquals(0.25, opt.lr(), 1e-15, "the scheduler stepped");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> step.run(backend(), () -> Double.POSITIVE_INFINITY));
        assertEquals(2, e.step());
        assertArrayEquals(after, w.value().toDoubleArray(), 0.0, "a diverged step leaves the weights alone");
        assertThrows(IllegalStateException.class, () -> step.run(backend(), () -> null, null), "no loss of its own");
    }
}
