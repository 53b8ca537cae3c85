package io.cnn4j.examples.models;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.tck.GradientCheck;
import io.cnn4j.tck.LayerCase;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.*;

/** UNet's graph-derived backward (skips + residual) against central finite differences in float64. */
class UNetTest {
    final Backend b = new ReferenceBackend();

    /** L = Σ w ⊙ y for fixed random w, so dL/dy = w. */

    @Test
    void parameterCountAndNames() {
        UNet net = new UNet(Context.of(b, DType.FLOAT32, 0));
        assertEquals(118_115, DenoiserModels.parameterCount(net));
        assertTrue(net.stateDict().containsKey("enc1a.weight"));
        assertTrue(net.stateDict().containsKey("up2.bias"));
        assertEquals(24, net.stateDict().size());
    }

    /** {@code --model unet-w32}: the same graph at width 32 (458·32² + 54·32 + 3 parameters), same state dict names. */
    @Test
    void registryBuildsWidth32() {
        var net = DenoiserModels.create("unet-w32", Context.of(b, DType.FLOAT32, 0));
        UNet unet = assertInstanceOf(UNet.class, net);
        assertEquals(32, unet.width());
        assertEquals(470_723, DenoiserModels.parameterCount(net));
        assertEquals(new UNet(Context.of(b, DType.FLOAT32, 0)).stateDict().keySet(), net.stateDict().keySet());
        assertEquals(16, ((UNet) DenoiserModels.create("unet", Context.of(b, DType.FLOAT32, 0))).width());
    }

    /** {@code --model unet-w32-d3}: a third downsampling (enc3, down3, up3, dec3 at 128 channels; mid1/mid2 at 256). */
    @Test
    void registryBuildsDepth3() {
        var net = DenoiserModels.create("unet-w32-d3", Context.of(b, DType.FLOAT32, 0));
        UNet unet = assertInstanceOf(UNet.class, net);
        assertEquals(3, unet.depth());
        assertEquals(8, unet.sideMultiple());
        assertEquals(8, DenoiserModels.sideMultiple("unet-w32-d3"));
        assertEquals(4, DenoiserModels.sideMultiple("unet-w32"));
        for (String name : DenoiserModels.NAMES) {     // every model accepts its own multiple: forward on a 1×3×m×m input
            int m = DenoiserModels.sideMultiple(name);
            Module model = DenoiserModels.create(name, Context.of(b, DType.FLOAT32, 0));
            if (model instanceof UNet u) assertEquals(u.sideMultiple(), m, name);   // the registry agrees with the model
            assertArrayEquals(new int[] {1, 3, m, m}, model.forward(b.zeros(DType.FLOAT32, 1, 3, m, m)).shape(), name);
        }
        assertEquals(1_913_411, DenoiserModels.parameterCount(net));
        assertEquals(32, net.stateDict().size());
        for (String k : new String[] {"enc3.weight", "down3.bias", "up3.weight", "dec3.bias"}) assertTrue(net.stateDict().containsKey(k), k);
        assertArrayEquals(new int[] {256, 256, 3, 3}, net.stateDict().get("mid1.weight").shape());
    }

    @Test
    void depth3BackwardMatchesFiniteDifferences() {
        GradientCheck.checkLayer(new LayerCase("UNet(width=2, depth=3)", DType.FLOAT64, new int[] {1, 3, 8, 8}, 3,
                ctx -> new UNet(ctx, 2, 3), LayerCase.InputKind.UNIFORM, false), b, 3);
    }

    @Test
    void depth3RejectsSizesThatAreNotMultiplesOfEight() {
        UNet net = new UNet(Context.of(b, DType.FLOAT32, 0), 2, 3);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> net.forward(b.zeros(DType.FLOAT32, 1, 3, 12, 16)));
        assertTrue(ex.getMessage().contains("multiples of 8"), ex.getMessage());
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        // The conformance kit's gradcheck: L = Σ y·dy in float64, every parameter and the input sampled,
        // |fd − analytic| ≤ 1e-6·max(1, |analytic|) per checked element.
        GradientCheck.checkLayer(new LayerCase("UNet(width=2)", DType.FLOAT64, new int[] {2, 3, 8, 8}, 3,
                ctx -> new UNet(ctx, 2), LayerCase.InputKind.UNIFORM, false), b, 3);
    }

    @Test
    void rejectsSizesThatAreNotMultiplesOfFour() {
        UNet net = new UNet(Context.of(b, DType.FLOAT32, 0), 2);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> net.forward(b.zeros(DType.FLOAT32, 1, 3, 10, 12)));
        assertTrue(ex.getMessage().contains("multiples of 4"), ex.getMessage());
    }
}
