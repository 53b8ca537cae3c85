package io.cnn4j.tck;

import io.cnn4j.loss.CrossEntropyLoss;
import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.AvgPool2d;
import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ConvTranspose2d;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.MaxPool2d;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.Upsample;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each layer rejects a wrong rank, a wrong channel count and a too-small input with an
 * {@link IllegalArgumentException} whose message names the layer, the expected and the actual shape.
 */
public interface BadInputConformance extends BackendUnderTest {

    private static void rejects(String what, Executable call, String... mustMention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what + " must be rejected");
        String m = String.valueOf(e.getMessage());
        for (String s : mustMention) assertTrue(m.contains(s), what + ": message should mention '" + s + "' but was: " + m);
    }

    private Tensor zeros(int... shape) { return backendUnderTest().zeros(DType.FLOAT32, shape); }

    private static String shape(int... s) { return Arrays.toString(s); }

    private void rejectsRankChannelsAndSize(String layer, Module m, int channels, int[] tooSmall) {
        rejects(layer + " with a 2-D input", () -> m.forward(zeros(2, channels)), layer, "4-D", shape(2, channels));
        rejects(layer + " with a 5-D input", () -> m.forward(zeros(1, channels, 4, 4, 4)), layer, shape(1, channels, 4, 4, 4));
        if (channels > 0) rejects(layer + " with " + (channels + 1) + " channels", () -> m.forward(zeros(2, channels + 1, 8, 8)),
                layer, String.valueOf(channels), shape(2, channels + 1, 8, 8));
        if (tooSmall != null) rejects(layer + " with a too-small input", () -> m.forward(zeros(tooSmall)), layer, shape(tooSmall));
    }

    @Test
    default void conv2dRejectsBadInput() {
        Context ctx = Context.of(backendUnderTest(), DType.FLOAT32, 1);
        rejectsRankChannelsAndSize("Conv2d", new Conv2d(ctx, 3, 4, 5), 3, new int[] {1, 3, 4, 8});
        rejectsRankChannelsAndSize("Conv2d", new Conv2d(ctx, 2, 4, 3, 1, 0, 2, true), 2, new int[] {1, 2, 4, 4});
    }

    @Test
    default void convTranspose2dRejectsBadInput() {
        Context ctx = Context.of(backendUnderTest(), DType.FLOAT32, 1);
        rejectsRankChannelsAndSize("ConvTranspose2d", new ConvTranspose2d(ctx, 3, 2, 2, 2), 3, null);
    }

    @Test
    default void poolsRejectBadInput() {
        rejectsRankChannelsAndSize("MaxPool2d", new MaxPool2d(3), 0, new int[] {1, 2, 2, 5});
        rejectsRankChannelsAndSize("AvgPool2d", new AvgPool2d(4, 1, 1).countIncludePad(false), 0, new int[] {1, 2, 5, 1});
        rejectsRankChannelsAndSize("Upsample", Upsample.scaleFactor(2), 0, null);
    }

    @Test
    default void batchNorm2dRejectsBadInput() {
        Context ctx = Context.of(backendUnderTest(), DType.FLOAT32, 1);
        rejectsRankChannelsAndSize("BatchNorm2d", new BatchNorm2d(ctx, 3), 3, new int[] {1, 3, 1, 1});
    }

    @Test
    default void linearRejectsBadInput() {
        Linear l = new Linear(Context.of(backendUnderTest(), DType.FLOAT32, 1), 6, 2);
        rejects("Linear(6, 2) with 5 features", () -> l.forward(zeros(3, 5)), "Linear", "6", shape(3, 5));
        rejects("Linear(6, 2) with a 4-D input", () -> l.forward(zeros(3, 6, 1, 1)), "Linear", "6", shape(3, 6, 1, 1));
    }

    @Test
    default void layersRejectInputOfAnotherDtype() {
        Conv2d c = new Conv2d(Context.of(backendUnderTest(), DType.FLOAT64, 1), 1, 1, 1);
        rejects("Conv2d(FLOAT64 weights) with a FLOAT32 input", () -> c.forward(zeros(1, 1, 2, 2)), "Conv2d", "FLOAT32", "FLOAT64");
    }

    @Test
    default void lossesRejectBadInput() {
        rejects("MSELoss with different shapes", () -> new MSELoss().forward(zeros(2, 3), zeros(3, 2)), "MSELoss", shape(2, 3), shape(3, 2));
        rejects("CrossEntropyLoss with 4-D logits", () -> new CrossEntropyLoss().forward(zeros(2, 3, 1, 1), new int[] {0, 1}),
                "CrossEntropyLoss", shape(2, 3, 1, 1));
        rejects("CrossEntropyLoss with a class out of range", () -> new CrossEntropyLoss().forward(zeros(2, 3), new int[] {0, 3}),
                "CrossEntropyLoss", "3");
        rejects("CrossEntropyLoss with too few targets", () -> new CrossEntropyLoss().forward(zeros(2, 3), new int[] {0}),
                "CrossEntropyLoss", shape(2, 3));
    }

}
