package io.cnn4j.nn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/** Summary: per-layer output shapes and parameter counts through nested graphs and Sequentials, like torchinfo. */
class SummaryTest {

    @Test
    void rowsFollowExecutionWithShapesAndCounts() {
        Context ctx = ctx(1);
        Graph block = new Graph()
                .add("conv", new Conv2d(ctx, 4, 4, 3, 1, 1, 1, false), Graph.INPUT)
                .add("bn", new BatchNorm2d(ctx, 4), "conv")
                .add("sum", Merge.add(), "bn", Graph.INPUT)
                .output("sum");
        Graph net = new Graph()
                .add("stem", new Conv2d(ctx, 1, 4, 3, 1, 1), Graph.INPUT)
                .add("block", block, "stem")
                .add("head", new Sequential(new AdaptiveAvgPool2d(1), new Flatten(), new Linear(ctx, 4, 10)), "block")
                .output("head");
        net.module("head").requiresGrad(false);
        Summary s = Summary.of(net, 2, 1, 8, 8);
        List<String> names = s.rows().stream().map(Summary.Row::name).toList();
        assertEquals(List.of("stem", "block", "block.conv", "block.bn", "block.sum", "head", "head.0", "head.1", "head.2"), names);
        Summary.Row conv = s.rows().get(2);
        assertEquals(1, conv.depth());
        assertArrayEquals(new int[]{2, 4, 8, 8}, conv.outputShape());
        assertEquals(144, conv.parameters());
        assertEquals(144 + 8, s.rows().get(1).parameters(), "a container counts its descendants");
        assertArrayEquals(new int[]{2, 10}, s.rows().get(8).outputShape());
        assertEquals(40 + 144 + 8 + 50, s.totalParameters());
        assertEquals(40 + 144 + 8, s.trainableParameters());
        assertTrue(net.isTraining(), "training mode restored");
        String table = s.toString();
        assertTrue(table.contains("  block.bn (BatchNorm2d)") && table.contains("[2, 4, 8, 8]") && table.contains("Non-trainable params: 50"), table);
    }
}
