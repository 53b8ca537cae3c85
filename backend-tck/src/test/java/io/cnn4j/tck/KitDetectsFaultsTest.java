package io.cnn4j.tck;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit's properties can fail: backends with one planted fault each are caught, and the failure message
 * contains the shrunk case description.
 */
class KitDetectsFaultsTest {

    /** Runs kit tests against a given backend. */
    private record Kit(Backend backend) implements BackendConformance {
        @Override public Backend backendUnderTest() { return backend; }
    }

    private static void caught(String fault, Executable kitTest, String... messageParts) {
        Throwable t = assertThrows(Throwable.class, kitTest, "the kit missed the planted fault: " + fault);
        String m = String.valueOf(t.getMessage()) + (t.getCause() == null ? "" : " / " + t.getCause().getMessage());
        if (System.getProperty("cnn4j.tck.showFaults") != null) System.out.println(fault + " -> " + m);
        for (String p : messageParts) assertTrue(m.contains(p), fault + ": failure message should contain '" + p + "' but was: " + m);
    }

    @Test
    void matmulIgnoringTransposeOfBIsCaught() {
        Kit kit = new Kit(new DelegatingBackend(new ReferenceBackend()) {
            @Override public Tensor matmul(Tensor a, boolean ta, Tensor b, boolean tb) {
                if (tb && b.dim(-1) == b.dim(-2)) return super.matmul(a, ta, b, false);
                return super.matmul(a, ta, b, tb);
            }
        });
        caught("matmul ignores transposeB for square b", kit::matmulMatchesReference, "matmul", "Falsif");
    }

    @Test
    void returningAnotherBackendsTensorIsCaught() {
        Backend foreign = new ReferenceBackend();
        Kit kit = new Kit(new DelegatingBackend(new ReferenceBackend()) {
            @Override public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
                // right values, wrong owner: the delegate's result handed back without wrapping it
                Tensor own = super.sum(x, axes, keepDims);
                return foreign.fromArray(toDoubleArray(own), own.shape());
            }
        });
        caught("sum returns a foreign tensor", () -> kit.reductionsReturnOwnTensors(DType.FLOAT64),
                "sum returned a tensor of backend 'reference', not of 'delegating'");
    }

    @Test
    void unfoldPaddingWithZeroInsteadOfPadValueIsCaught() {
        Kit kit = new Kit(new DelegatingBackend(new ReferenceBackend()) {
            @Override public Tensor unfold(Tensor x, ConvGeometry g, double padValue) { return super.unfold(x, g, 0.0); }
        });
        caught("unfold ignores padValue", kit::unfoldMatchesReference, "unfold(padValue", "padding=");
    }

    @Test
    void foldDroppingTheLastColumnContributionIsCaughtByAdjointness() {
        Kit kit = new Kit(new DelegatingBackend(new ReferenceBackend()) {
            @Override public Tensor fold(Tensor cols, ConvGeometry g, int h, int w) {
                Tensor out = super.fold(cols, g, h, w);
                if (w > 1 && h > 1) {
                    Tensor mask = fromHost(maskLastColumn(out.shape()), out.dtype(), out.shape());
                    return binary(BinaryOp.MUL, out, mask);
                }
                return out;
            }
        });
        caught("fold drops the last column", kit::foldIsTheAdjointOfUnfold, "adjointness");
        caught("fold drops the last column", kit::foldMatchesReference, "fold");
    }

    private static double[] maskLastColumn(int[] s) {
        double[] m = new double[s[0] * s[1] * s[2] * s[3]];
        for (int i = 0; i < m.length; i++) m[i] = (i % s[3]) == s[3] - 1 ? 0 : 1;
        return m;
    }

    @Test
    void argmaxReturningLastTieIsCaught() {
        Kit kit = new Kit(new DelegatingBackend(new ReferenceBackend()) {
            @Override public ArgMax max(Tensor x, int axis, boolean keepDims) {
                // reverse along the axis, take max, map index back: last occurrence on ties
                int a = axis < 0 ? axis + x.rank() : axis;
                int n = x.dim(a);
                Tensor[] parts = new Tensor[n];
                for (int i = 0; i < n; i++) parts[i] = slice(x, a, n - 1 - i, 1);
                ArgMax r = super.max(concat(a, parts), axis, keepDims);
                Tensor idx = binary(BinaryOp.SUB, binary(BinaryOp.MUL, r.indices(), -1.0), -(n - 1.0));
                return new ArgMax(r.values(), idx);
            }
        });
        caught("argmax picks the last of equal maxima", kit::maxAndArgmaxMatchReferenceExactly, "argmax", "grid data");
    }

    @Test
    void sloppyFloat32ExpIsCaught() {
        Kit kit = new Kit(new DelegatingBackend(new ReferenceBackend()) {
            @Override public Tensor unary(io.cnn4j.tensor.UnaryOp op, Tensor x) {
                Tensor y = super.unary(op, x);
                return op == io.cnn4j.tensor.UnaryOp.EXP ? binary(BinaryOp.MUL, y, 1 + 1e-4) : y;
            }
        });
        caught("exp off by 1e-4 relative", kit::everyUnaryOpAtSpecialValues, "EXP");
    }

    @Test
    void layerBackwardThroughAFaultyFoldIsCaughtWithTheLayerConfiguration() {
        Kit kit = new Kit(new DelegatingBackend(new ReferenceBackend()) {
            @Override public Tensor fold(Tensor cols, ConvGeometry g, int h, int w) {
                return binary(BinaryOp.MUL, super.fold(cols, g, h, w), 1 + 1e-3);
            }
        });
        caught("fold scaled by 1.001", kit::conv2dMatchesReference, "Conv2d(", "dx", "Falsif");
    }

    @Test
    void aGradientInconsistentWithForwardIsCaughtByFiniteDifferences() {
        Kit kit = new Kit(new DelegatingBackend(new ReferenceBackend()) {
            @Override public Tensor scatter(Tensor src, Tensor index, int axis, int size) {
                return super.scatter(binary(BinaryOp.MUL, src, 1 + 1e-4), index, axis, size);
            }
        });
        caught("max-pool gradient routed with a 1e-4 error", kit::maxPool2dGradientsMatchFiniteDifferences, "MaxPool2d(", "dL/dx", "central difference");
    }
}
