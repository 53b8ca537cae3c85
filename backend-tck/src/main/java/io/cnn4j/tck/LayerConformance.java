package io.cnn4j.tck;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

/**
 * Every layer and loss, forward and backward, on random geometries in both dtypes, compared with the reference
 * backend (same parameters, same inputs): output, input gradient, parameter gradients and buffers within the SPI
 * tolerance. A failure prints the shrunk layer configuration.
 */
public interface LayerConformance extends BackendUnderTest {

    private void check(int examples, Function<Draw, LayerCase> kind) {
        Assumptions.assumeFalse(isReferenceItself(), "backend under test is the reference backend: comparison with itself skipped");
        Tck.qt(examples).forAll(LayerCases.gen(kind))
                .checkAssert(c -> LayerComparison.assertAgree(c, LayerComparison.compare(c, referenceBackend(), backendUnderTest())));
    }

    @Test default void conv2dMatchesReference() { check(40, LayerCases::conv2d); }

    @Test default void convTranspose2dMatchesReference() { check(40, LayerCases::convTranspose2d); }

    @Test default void maxPool2dMatchesReference() { check(30, LayerCases::maxPool2d); }

    @Test default void avgPool2dMatchesReference() { check(30, LayerCases::avgPool2d); }

    @Test default void linearMatchesReference() { check(20, LayerCases::linear); }

    @Test default void activationsMatchReference() { check(30, LayerCases::activation); }

    @Test default void batchNorm2dMatchesReference() { check(20, LayerCases::batchNorm2d); }

    @Test default void upsampleAndFlattenMatchReference() {
        check(15, LayerCases::upsample);
        check(10, LayerCases::flatten);
    }

    @Test
    default void lossesMatchReference() {
        Assumptions.assumeFalse(isReferenceItself(), "backend under test is the reference backend: comparison with itself skipped");
        Tck.qt(20).forAll(LossCase.mseCases())
                .checkAssert(c -> LayerComparison.assertAgree(c, LayerComparison.compare(c, referenceBackend(), backendUnderTest())));
        Tck.qt(20).forAll(LossCase.crossEntropyCases())
                .checkAssert(c -> LayerComparison.assertAgree(c, LayerComparison.compare(c, referenceBackend(), backendUnderTest())));
    }
}
