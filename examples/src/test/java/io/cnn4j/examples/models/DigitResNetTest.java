package io.cnn4j.examples.models;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.nn.Context;
import io.cnn4j.tck.GradientCheck;
import io.cnn4j.tck.LayerCase;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The residual digit classifier: torchvision names, parameter budget, shapes and the derived backward. */
class DigitResNetTest {
    final Backend b = new ReferenceBackend();

    @Test
    void namesFollowTorchvisionAndParameterCount() {
        DigitResNet net = new DigitResNet(Context.of(b, DType.FLOAT32, 0));
        assertEquals(19_706, DenoiserModels.parameterCount(net));
        List<String> keys = List.copyOf(net.stateDict().keySet());
        assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var"), keys.subList(0, 5));
        assertTrue(keys.containsAll(List.of("layer1.conv1.weight", "layer1.bn2.running_var", "layer2.downsample.0.weight",
                "layer2.downsample.1.running_mean", "fc.weight", "fc.bias")), keys.toString());
        assertFalse(keys.contains("layer1.downsample.0.weight"), "layer1 keeps shape and needs no downsample");
        assertArrayEquals(new int[]{3, 10}, net.forward(b.uniform(DType.FLOAT32, 1, 0, 1, 3, 1, 20, 20)).shape());
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        GradientCheck.checkLayer(new LayerCase("DigitResNet(2, 3)", DType.FLOAT64, new int[]{3, 1, 8, 8}, 5,
                ctx -> new DigitResNet(ctx, 2, 3), LayerCase.InputKind.UNIFORM, false), b, 4);
    }
}
