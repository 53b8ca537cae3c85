package io.cnn4j.examples.models;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.nn.Context;
import io.cnn4j.tck.GradientCheck;
import io.cnn4j.tck.LayerCase;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.*;

/** WideUNet's graph-derived backward (skip + residual) against central finite differences in float64. */
class WideUNetTest {
    final Backend b = new ReferenceBackend();

    /** L = Σ w ⊙ y for fixed random w, so dL/dy = w. */

    @Test
    void parameterCountNamesAndRegistry() {
        WideUNet net = new WideUNet(Context.of(b, DType.FLOAT32, 0));
        assertEquals(119_075, DenoiserModels.parameterCount(net));
        assertEquals(18, net.stateDict().size());
        assertTrue(net.stateDict().containsKey("dec1b.weight"));
        assertTrue(DenoiserModels.create("wide-unet", Context.of(b, DType.FLOAT32, 0)) instanceof WideUNet);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        // The conformance kit's gradcheck: L = Σ y·dy in float64, every parameter and the input sampled,
        // |fd − analytic| ≤ 1e-6·max(1, |analytic|) per checked element.
        GradientCheck.checkLayer(new LayerCase("WideUNet(width=2)", DType.FLOAT64, new int[] {2, 3, 6, 8}, 3,
                ctx -> new WideUNet(ctx, 2), LayerCase.InputKind.UNIFORM, false), b, 3);
    }

    @Test
    void rejectsOddSizes() {
        WideUNet net = new WideUNet(Context.of(b, DType.FLOAT32, 0), 2);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> net.forward(b.zeros(DType.FLOAT32, 1, 3, 7, 8)));
        assertTrue(ex.getMessage().contains("even"), ex.getMessage());
    }
}
