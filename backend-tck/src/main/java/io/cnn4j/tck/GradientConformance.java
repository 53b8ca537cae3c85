package io.cnn4j.tck;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

/**
 * Finite-difference gradient checks (float64, on the backend under test alone) for every layer and loss, on
 * random geometries with inputs away from ReLU and max-pool kinks. See {@link GradientCheck} for the tolerance.
 */
public interface GradientConformance extends BackendUnderTest {

    private void check(int examples, Function<Draw, LayerCase> kind) {
        Tck.qt(examples).forAll(LayerCases.gen(kind)).checkAssert(c -> GradientCheck.checkLayer(c, backendUnderTest(), 8));
    }

    @Test default void conv2dGradientsMatchFiniteDifferences() { check(20, LayerCases::conv2d); }

    @Test default void convTranspose2dGradientsMatchFiniteDifferences() { check(20, LayerCases::convTranspose2d); }

    @Test default void maxPool2dGradientsMatchFiniteDifferences() { check(10, LayerCases::maxPool2d); }

    @Test default void avgPool2dGradientsMatchFiniteDifferences() { check(10, LayerCases::avgPool2d); }

    @Test default void linearGradientsMatchFiniteDifferences() { check(8, LayerCases::linear); }

    @Test default void activationGradientsMatchFiniteDifferences() { check(12, LayerCases::activation); }

    @Test default void batchNorm2dGradientsMatchFiniteDifferences() { check(10, LayerCases::batchNorm2d); }

    @Test default void upsampleGradientsMatchFiniteDifferences() { check(6, LayerCases::upsample); }

    @Test default void groupedConv2dGradientsMatchFiniteDifferences() { check(10, LayerCases::groupedConv2d); }

    @Test default void softmaxSiluGeluGradientsMatchFiniteDifferences() { check(12, LayerCases::softmaxFamily); }

    @Test default void adaptivePoolGradientsMatchFiniteDifferences() { check(10, LayerCases::adaptivePool); }

    @Test default void normalizationGradientsMatchFiniteDifferences() { check(12, LayerCases::normalization); }

    /** The derived backward of random graph wirings (fan-out, add/mul/cat merges, nested graphs and Sequentials). */
    @Test default void graphGradientsMatchFiniteDifferences() { check(25, GraphCases::graph); }

    @Test
    default void lossGradientsMatchFiniteDifferences() {
        Tck.qt(8).forAll(LossCase.mseCases()).checkAssert(c -> GradientCheck.checkLoss(c, backendUnderTest(), 6));
        Tck.qt(8).forAll(LossCase.crossEntropyCases()).checkAssert(c -> GradientCheck.checkLoss(c, backendUnderTest(), 6));
        Tck.qt(12).forAll(LossCase.elementwiseCases()).checkAssert(c -> GradientCheck.checkLoss(c, backendUnderTest(), 6));
        Tck.qt(12).forAll(LossCase.classificationCases()).checkAssert(c -> GradientCheck.checkLoss(c, backendUnderTest(), 6));
    }
}
