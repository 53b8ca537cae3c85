package io.cnn4j.examples.models;

import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Graph;
import io.cnn4j.nn.Merge;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;

/**
 * torchvision's ResNet {@code BasicBlock} as a {@link Graph}: {@code [N,in,H,W] → [N,out,H/stride,W/stride]},
 * <pre>
 *   conv1 3×3 stride s, no bias → bn1 → relu1 → conv2 3×3, no bias → bn2 ─┐
 *   input ─ (downsample: 1×1 conv stride s, no bias → bn, when s ≠ 1 or in ≠ out) ──┴ add → relu2
 * </pre>
 * State dict names are torchvision's ({@code conv1.weight}, {@code bn1.running_mean}, {@code downsample.0.weight},
 * {@code downsample.1.bias}).
 */
public final class BasicBlock extends Graph {

    public BasicBlock(Context ctx, int in, int out, int stride) {
        add("conv1", new Conv2d(ctx, in, out, 3, stride, 1, 1, false), INPUT);
        add("bn1", new BatchNorm2d(ctx, out), "conv1");
        add("relu1", new ReLU(), "bn1");
        add("conv2", new Conv2d(ctx, out, out, 3, 1, 1, 1, false), "relu1");
        add("bn2", new BatchNorm2d(ctx, out), "conv2");
        String shortcut = INPUT;
        if (stride != 1 || in != out) {
            add("downsample", new Sequential(new Conv2d(ctx, in, out, 1, stride, 0, 1, false), new BatchNorm2d(ctx, out)), INPUT);
            shortcut = "downsample";
        }
        add("sum", Merge.add(), "bn2", shortcut);
        add("relu2", new ReLU(), "sum");
        output("relu2");
    }

    @Override
    public String toString() { return "BasicBlock"; }
}
