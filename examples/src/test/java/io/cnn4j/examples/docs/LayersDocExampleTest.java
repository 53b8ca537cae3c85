package io.cnn4j.examples.docs;

import io.cnn4j.backend.Backends;
import io.cnn4j.loss.CrossEntropyLoss;
import io.cnn4j.nn.AdaptiveAvgPool2d;
import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Flatten;
import io.cnn4j.nn.Graph;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.Merge;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.nn.Summary;
import io.cnn4j.optim.ClipGrad;
import io.cnn4j.optim.OneCycleLR;
import io.cnn4j.optim.ParameterGroups;
import io.cnn4j.optim.SGD;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the steps of the docs/layers.md example ("The graph container"; DocSnippetsCompileTest compiles the block
 * itself) and checks that they train: the loss falls by at least 30 % in 30 steps.
 */
class LayersDocExampleTest {

    @Test
    void residualClassifierFromTheDocsTrains() {
        // ---- begin docs/layers.md example
        Backend backend = Backends.select("reference");
        Context ctx = Context.of(backend, DType.FLOAT32, 0);

        Graph block = new Graph()                                      // a ResNet basic block
                .add("conv1", new Conv2d(ctx, 8, 8, 3, 1, 1, 1, false), Graph.INPUT)
                .add("bn1", new BatchNorm2d(ctx, 8), "conv1")
                .add("relu1", new ReLU(), "bn1")
                .add("conv2", new Conv2d(ctx, 8, 8, 3, 1, 1, 1, false), "relu1")
                .add("bn2", new BatchNorm2d(ctx, 8), "conv2")
                .add("sum", Merge.add(), "bn2", Graph.INPUT)               // the skip: gradients are summed
                .add("relu2", new ReLU(), "sum")
                .output("relu2");

        Graph net = new Graph()
                .add("stem", new Conv2d(ctx, 1, 8, 3, 1, 1), Graph.INPUT)
                .add("layer1", block, "stem")                             // graphs nest
                .add("head", new Sequential(new AdaptiveAvgPool2d(1), new Flatten(), new Linear(ctx, 8, 10)), "layer1")
                .output("head");

        System.out.print(Summary.of(net, 4, 1, 12, 12));              // per-layer output shapes and parameter counts

        SGD opt = new SGD(net.namedParameters(), 0.1, 0.9, 0, 5e-4, false);
        opt.excludeFromWeightDecay(ParameterGroups.biasesAndNorms(net)); // no weight decay on biases and norms
        OneCycleLR schedule = new OneCycleLR(opt, 0.1, 30);
        CrossEntropyLoss loss = new CrossEntropyLoss(null, -100, "mean", 0.1);   // label_smoothing=0.1

        Tensor x = backend.normal(DType.FLOAT32, 1, 0, 1, 4, 1, 12, 12);
        int[] labels = {0, 1, 2, 3};
        double first = 0, last = 0;
        for (int step = 0; step < 30; step++) {
            try (MemoryScope scope = backend.scope()) {
                opt.zeroGrad();
                double l = loss.forward(net.forward(x), labels).item();
                net.backward(loss.backward());                            // derived: no hand-written backward
                ClipGrad.clipGradNorm(net.parameters(), 5.0);
                opt.step();
                schedule.step();
                if (step == 0) first = l;
                last = l;
            }
        }
        // ---- end docs/layers.md example
        assertTrue(last < 0.7 * first, "30 steps on 4 fixed images should cut the loss by at least 30 %: " + first + " -> " + last);
        assertEquals(List.of("stem.weight", "stem.bias", "layer1.conv1.weight"), List.copyOf(net.stateDict().keySet()).subList(0, 3));
    }
}
