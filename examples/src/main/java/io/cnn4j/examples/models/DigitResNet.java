package io.cnn4j.examples.models;

import io.cnn4j.nn.AdaptiveAvgPool2d;
import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Flatten;
import io.cnn4j.nn.Graph;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.MaxPool2d;
import io.cnn4j.nn.ReLU;

/**
 * A small residual digit classifier ({@code cnn4j classify --model resnet}) for 1×20×20 images, logits for 10
 * classes, wired as a {@link Graph}:
 * <pre>
 *   conv1 3×3 1→c1, no bias → bn1 → relu → maxpool 2        → [N,c1,10,10]
 *   layer1 BasicBlock(c1, c1)                              → [N,c1,10,10]
 *   layer2 BasicBlock(c1, c2, stride 2)                    → [N,c2,5,5]
 *   avgpool AdaptiveAvgPool2d(1) → flatten → fc Linear(c2, 10)
 * </pre>
 * Names follow torchvision's ResNet ({@code conv1.weight}, {@code layer2.downsample.1.running_var}, {@code fc.bias}).
 * Default widths c1 = 16, c2 = 32: 19,706 parameters (DigitNet: 12,810).
 */
public final class DigitResNet extends Graph {

    public DigitResNet(Context ctx) { this(ctx, 16, 32); }

    public DigitResNet(Context ctx, int c1, int c2) {
        add("conv1", new Conv2d(ctx, 1, c1, 3, 1, 1, 1, false), INPUT);
        add("bn1", new BatchNorm2d(ctx, c1), "conv1");
        add("relu", new ReLU(), "bn1");
        add("maxpool", new MaxPool2d(2), "relu");
        add("layer1", new BasicBlock(ctx, c1, c1, 1), "maxpool");
        add("layer2", new BasicBlock(ctx, c1, c2, 2), "layer1");
        add("avgpool", new AdaptiveAvgPool2d(1), "layer2");
        add("flatten", new Flatten(), "avgpool");
        add("fc", new Linear(ctx, c2, 10), "flatten");
        output("fc");
    }

    @Override
    public String toString() { return "DigitResNet"; }
}
