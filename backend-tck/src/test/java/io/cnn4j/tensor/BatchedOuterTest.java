package io.cnn4j.tensor;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The convolution weight gradient {@code Σ_n x[n]·y[n]ᵀ}, checked against triple loops on the definition. */
class BatchedOuterTest {

    /** {@code out[a][b] = Σ_n Σ_l x[n][a][l]·y[n][b][l]}. */
    private static double[] definition(double[] x, double[] y, int n, int rowsA, int rowsB, int l) {
        double[] out = new double[rowsA * rowsB];
        for (int p = 0; p < n; p++)
            for (int a = 0; a < rowsA; a++)
                for (int b = 0; b < rowsB; b++)
                    for (int k = 0; k < l; k++) out[a * rowsB + b] += x[(p * rowsA + a) * l + k] * y[(p * rowsB + b) * l + k];
        return out;
    }

    @Test
    void matchesDefinitionOnEveryPath() {
        int[][] cases = {           // n, A, B, L
                {3, 5, 7, 11},      // general
                {1, 4, 6, 9},       // single image: no batch permute
                {4, 20, 3, 13},     // B < A/4: computed as the transpose of the narrow product
                {2, 3, 20, 5},      // A < B/4: direct
                {2, 1, 1, 1}};
        long seed = 11;
        for (int[] c : cases) {
            int n = c[0], rowsA = c[1], rowsB = c[2], l = c[3];
            double[] x = uniform(seed++, n * rowsA * l, -1, 1), y = uniform(seed++, n * rowsB * l, -1, 1);
            Tensor got = BatchedOuter.sumOverBatch(backend(), tensor(x, n, rowsA, l), tensor(y, n, rowsB, l));
            assertClose(got, new int[]{rowsA, rowsB}, definition(x, y, n, rowsA, rowsB, l), 1e-12,
                    "sumOverBatch n=" + n + " A=" + rowsA + " B=" + rowsB + " L=" + l);
        }
    }

    @Test
    void rejectsMismatchedOperands() {
        assertThrows(IllegalArgumentException.class,
                () -> BatchedOuter.sumOverBatch(backend(), randn(1, 2, 3, 4), randn(2, 3, 3, 4)));
        assertThrows(IllegalArgumentException.class,
                () -> BatchedOuter.sumOverBatch(backend(), randn(1, 2, 3, 4), randn(2, 2, 3, 5)));
        assertThrows(IllegalArgumentException.class,
                () -> BatchedOuter.sumOverBatch(backend(), randn(1, 2, 3), randn(2, 2, 3, 5)));
    }
}
