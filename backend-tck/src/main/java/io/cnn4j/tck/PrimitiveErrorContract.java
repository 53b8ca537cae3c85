package io.cnn4j.tck;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SPI's error contract: invalid arguments throw {@link IllegalArgumentException} (never a silent wrong answer,
 * never an {@link ArrayIndexOutOfBoundsException}), with a message that names the shapes involved.
 */
public interface PrimitiveErrorContract extends BackendUnderTest {

    private static void rejects(String what, Executable call, String... mustMention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what + " must throw IllegalArgumentException");
        String m = String.valueOf(e.getMessage());
        for (String s : mustMention)
            assertTrue(m.contains(s), what + ": message should mention '" + s + "' but was: " + m);
    }

    @Test
    default void matmulRejectsMismatchedInnerDimensions() {
        Backend b = backendUnderTest();
        Tensor a = b.zeros(DType.FLOAT32, 2, 3), c = b.zeros(DType.FLOAT32, 4, 5);
        rejects("matmul [2,3]·[4,5]", () -> b.matmul(a, false, c, false), "3", "4");
        rejects("matmul batch 2 vs 3", () -> b.matmul(b.zeros(DType.FLOAT32, 2, 2, 3), false, b.zeros(DType.FLOAT32, 3, 3, 2), false), "2", "3");
        rejects("matmul of a 1-D tensor", () -> b.matmul(b.zeros(DType.FLOAT32, 3), false, c, false), "[3]");
    }

    @Test
    default void mixedDtypesAreRejected() {
        Backend b = backendUnderTest();
        rejects("binary FLOAT32 + FLOAT64", () -> b.binary(BinaryOp.ADD, b.zeros(DType.FLOAT32, 2), b.zeros(DType.FLOAT64, 2)), "FLOAT32", "FLOAT64");
        rejects("matmul FLOAT32 · FLOAT64", () -> b.matmul(b.zeros(DType.FLOAT32, 2, 2), false, b.zeros(DType.FLOAT64, 2, 2), false), "FLOAT");
    }

    @Test
    default void tensorsOfAnotherBackendAreRejected() {
        Backend b = backendUnderTest();
        Backend other = new io.cnn4j.backend.reference.ReferenceBackend(); // a distinct instance is foreign to every backend under test
        Tensor foreign = other.zeros(DType.FLOAT32, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> b.binary(BinaryOp.ADD, b.zeros(DType.FLOAT32, 2, 2), foreign),
                "a tensor of backend '" + other.name() + "' passed to '" + b.name() + "' must be rejected");
    }

    @Test
    default void incompatibleBroadcastIsRejected() {
        Backend b = backendUnderTest();
        rejects("binary [2,3] + [4]", () -> b.binary(BinaryOp.ADD, b.zeros(DType.FLOAT64, 2, 3), b.zeros(DType.FLOAT64, 4)), "[2, 3]", "[4]");
    }

    @Test
    default void badShapesAreRejected() {
        Backend b = backendUnderTest();
        Tensor x = b.zeros(DType.FLOAT32, 2, 3);
        rejects("reshape 6 elements to [4]", () -> b.reshape(x, 4), "[2, 3]", "[4]");
        rejects("fromArray with 5 values for [2, 3]", () -> b.fromArray(new float[5], 2, 3));
        rejects("permute with a repeated axis", () -> b.permute(x, 0, 0));
        rejects("slice past the end", () -> b.slice(x, 1, 2, 2));
        rejects("concat with different other dimensions", () -> b.concat(0, x, b.zeros(DType.FLOAT32, 2, 4)));
        rejects("sum over axis 2 of a 2-D tensor", () -> b.sum(x, new int[] {2}, false));
        rejects("axpy with different shapes", () -> b.axpy(1.0, x, b.zeros(DType.FLOAT32, 3, 2)));
        rejects("copy with different shapes", () -> b.copy(x, b.zeros(DType.FLOAT32, 6)));
    }

    /** The message of the {@link IllegalArgumentException} that {@code call} throws on {@code backend}. */
    private static String messageOf(String what, Backend backend, java.util.function.Function<Backend, Object> call) {
        return assertThrows(IllegalArgumentException.class, () -> call.apply(backend),
                what + " must throw IllegalArgumentException on '" + backend.name() + "'").getMessage();
    }

    /**
     * permute, slice and concat are validated by core ({@code Shapes.permutation}, {@code sliceAxis},
     * {@code concatenated}), so every backend reports a bad call with the reference backend's exact words.
     */
    @Test
    default void layoutErrorsHaveTheSameMessageOnEveryBackend() {
        Map<String, java.util.function.Function<Backend, Object>> cases = new LinkedHashMap<>();
        cases.put("permute with a repeated axis", k -> k.permute(k.zeros(DType.FLOAT32, 2, 3), 0, 0));
        cases.put("permute with too few axes", k -> k.permute(k.zeros(DType.FLOAT32, 2, 3), 0));
        cases.put("permute with an axis out of range", k -> k.permute(k.zeros(DType.FLOAT32, 2, 3), 0, 5));
        cases.put("slice past the end", k -> k.slice(k.zeros(DType.FLOAT32, 2, 3), 1, 2, 2));
        cases.put("slice with a negative start", k -> k.slice(k.zeros(DType.FLOAT32, 2, 3), 0, -1, 1));
        cases.put("slice of an axis out of range", k -> k.slice(k.zeros(DType.FLOAT32, 2, 3), 2, 0, 1));
        cases.put("concat of nothing", k -> k.concat(0));
        cases.put("concat of scalars", k -> k.concat(0, k.zeros(DType.FLOAT32), k.zeros(DType.FLOAT32)));
        cases.put("concat with different other dimensions", k -> k.concat(0, k.zeros(DType.FLOAT32, 2, 3), k.zeros(DType.FLOAT32, 2, 4)));
        cases.put("concat along an axis out of range", k -> k.concat(2, k.zeros(DType.FLOAT32, 2, 3)));
        for (Map.Entry<String, java.util.function.Function<Backend, Object>> c : cases.entrySet())
            assertEquals(messageOf(c.getKey(), referenceBackend(), c.getValue()), messageOf(c.getKey(), backendUnderTest(), c.getValue()),
                    c.getKey() + ": message differs from the reference backend's (validate with io.cnn4j.tensor.Shapes)");
    }

    @Test
    default void slidingWindowOpsRejectBadGeometry() {
        Backend b = backendUnderTest();
        ConvGeometry g = ConvGeometry.square(5, 1, 0, 1);
        rejects("unfold 3x3 input with a 5x5 kernel", () -> b.unfold(b.zeros(DType.FLOAT32, 1, 1, 3, 3), g, 0.0), "3");
        rejects("unfold of a 3-D tensor", () -> b.unfold(b.zeros(DType.FLOAT32, 1, 3, 3), ConvGeometry.square(1, 1, 0, 1), 0.0));
        rejects("fold with the wrong column count", () -> b.fold(b.zeros(DType.FLOAT32, 1, 4, 5), ConvGeometry.square(2, 1, 0, 1), 3, 3));
        rejects("fold with rows not a multiple of kh*kw", () -> b.fold(b.zeros(DType.FLOAT32, 1, 5, 4), ConvGeometry.square(2, 1, 0, 1), 3, 3));
    }

    @Test
    default void scatterRejectsOutOfRangeIndices() {
        Backend b = backendUnderTest();
        Tensor src = b.fromArray(new double[] {1, 2}, 2, 1);
        Tensor idx = b.fromArray(new double[] {0, 3}, 2, 1);
        rejects("scatter index 3 into size 3", () -> b.scatter(src, idx, 1, 3), "3");
    }
}
