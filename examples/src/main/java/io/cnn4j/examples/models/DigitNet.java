package io.cnn4j.examples.models;

import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Flatten;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.MaxPool2d;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;

/**
 * The seed-004-style digit classifier for 1×20×20 images (logits for 10 classes):
 * <pre>
 *   0 Conv2d(1, c1, 3, padding 1)   → [N,c1,20,20]    1 ReLU   2 MaxPool2d(2) → [N,c1,10,10]
 *   3 Conv2d(c1, c2, 3, padding 1)  → [N,c2,10,10]    4 ReLU   5 MaxPool2d(2) → [N,c2,5,5]
 *   6 Flatten                       → [N,c2·25]       7 Linear(c2·25, 10)
 * </pre>
 * A {@link Sequential}, so the state dict names match {@code nn.Sequential} in PyTorch ({@code 0.weight}, {@code 7.bias}).
 * Default widths c1 = 16, c2 = 32 (12,810 parameters).
 */
public final class DigitNet extends Sequential {
    public static final int SIDE = 20;

    public DigitNet(Context ctx) { this(ctx, 16, 32); }

    public DigitNet(Context ctx, int c1, int c2) {
        super(new Conv2d(ctx, 1, c1, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                new Conv2d(ctx, c1, c2, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(ctx, c2 * (SIDE / 4) * (SIDE / 4), 10));
    }
}
