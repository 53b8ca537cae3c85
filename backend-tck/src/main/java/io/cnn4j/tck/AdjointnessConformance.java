package io.cnn4j.tck;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.tck.Adjointness.absDot;
import static io.cnn4j.tck.Adjointness.assertEqualInner;
import static io.cnn4j.tck.Adjointness.dot;

/**
 * fold is the exact adjoint of unfold: ⟨unfold(x), y⟩ = ⟨x, fold(y)⟩ on random geometries (float64, relative
 * 1e-12 of Σ|terms|), on the backend under test alone (no reference needed, so it runs on the reference too).
 */
public interface AdjointnessConformance extends BackendUnderTest {

    @Test
    default void foldIsTheAdjointOfUnfold() {
        Backend b = backendUnderTest();
        Tck.qt(60).forAll(ConvCase.cases(false, 4).map(c -> c.withDtype(io.cnn4j.tensor.DType.FLOAT64))).checkAssert(c -> {
            Tensor x = Adjointness.random(b, c.seed(), c.inputShape());
            Tensor ux = b.unfold(x, c.g(), 0.0);
            int[] colShape = {c.n(), c.c() * c.g().kernelSize(), c.outH() * c.outW()};
            if (!java.util.Arrays.equals(ux.shape(), colShape))
                throw new AssertionError("unfold shape " + java.util.Arrays.toString(ux.shape()) + ", expected " + java.util.Arrays.toString(colShape) + " for " + c);
            Tensor y = Adjointness.random(b, c.seed() + 1, colShape);
            Tensor fy = b.fold(y, c.g(), c.h(), c.w());
            assertEqualInner("unfold/fold adjointness, " + c, dot(ux, y), dot(x, fy), absDot(ux, y), 1e-12);
        });
    }
}
