package io.cnn4j.tck;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A random agreement sweep between two backends outside JUnit (used by {@code cnn4j verify}): for every layer kind,
 * both losses and the main primitives (matmul, unfold, fold, broadcasting binary ops, sum), {@code casesPerKind}
 * random cases in the kit's ranges, each compared output by output with the SPI tolerance (normwise relative error
 * ≤ 1e-5 float32, ≤ 1e-12 float64). The first backend is the reference the second is measured against.
 *
 * <pre>{@code
 * List<SweepResult> rs = CrossBackendSweep.run(reference, nd4j, DType.FLOAT32, 3, 42);
 * rs.forEach(r -> System.out.println(r.summary()));
 * }</pre>
 */
public final class CrossBackendSweep {
    private CrossBackendSweep() {}

    /**
     * Runs the sweep. {@code dtype} forces every case to that dtype; {@code null} lets each case draw one. Never
     * throws for a disagreement or an exception inside a backend: those are failed {@link SweepResult}s.
     */
    public static List<SweepResult> run(Backend reference, Backend other, DType dtype, int casesPerKind, long seed) {
        Draw in = Draw.of(new SplittableRandom(seed));
        List<SweepResult> out = new ArrayList<>();
        for (Function<Draw, LayerCase> kind : LayerCases.ALL) {
            for (int i = 0; i < casesPerKind; i++) {
                LayerCase c = kind.apply(in);
                LayerCase cc = dtype == null ? c : c.withDtype(dtype);
                out.add(guard(layerName(cc), cc.toString(), () -> LayerComparison.compare(cc, reference, other)));
            }
        }
        for (int i = 0; i < casesPerKind; i++) {
            for (LossCase c : List.of(LossCase.mse(in), LossCase.crossEntropy(in), LossCase.elementwise(in), LossCase.classification(in))) {
                LossCase cc = dtype == null ? c : c.withDtype(dtype);
                out.add(guard(cc.kind(), cc.toString(), () -> LayerComparison.compare(cc, reference, other)));
            }
        }
        for (int i = 0; i < casesPerKind; i++) {
            PrimitiveCases.Matmul m = PrimitiveCases.matmul(in);
            DType mt = dtype == null ? m.dtype() : dtype;
            out.add(guard("matmul", "matmul " + m.toString().replace(m.dtype().toString(), mt.toString()), () -> {
                Twin a = Twin.uniform(reference, other, mt, m.seed(), -1, 1, m.aShape());
                Twin b = Twin.uniform(reference, other, mt, m.seed() + 1, -1, 1, m.bShape());
                return List.of(agree("result", other.matmul(a.test(), m.transA(), b.test(), m.transB()),
                        reference.matmul(a.ref(), m.transA(), b.ref(), m.transB())));
            }));

            ConvCase cv0 = ConvCase.draw(in, false, 4);
            ConvCase cv = dtype == null ? cv0 : cv0.withDtype(dtype);
            out.add(guard("unfold", "unfold " + cv, () -> {
                Twin x = Twin.uniform(reference, other, cv.dtype(), cv.seed(), -1, 1, cv.inputShape());
                return List.of(agree("result", other.unfold(x.test(), cv.g(), 0.0), reference.unfold(x.ref(), cv.g(), 0.0)));
            }));
            out.add(guard("fold", "fold " + cv, () -> {
                Twin y = Twin.uniform(reference, other, cv.dtype(), cv.seed(), -1, 1, cv.n(), cv.c() * cv.g().kernelSize(), cv.outH() * cv.outW());
                return List.of(agree("result", other.fold(y.test(), cv.g(), cv.h(), cv.w()), reference.fold(y.ref(), cv.g(), cv.h(), cv.w())));
            }));

            PrimitiveCases.Broadcast bc = PrimitiveCases.broadcast(in);
            DType bt = dtype == null ? bc.dtype() : dtype;
            out.add(guard("binary", "binary " + bc.toString().replace(bc.dtype().toString(), bt.toString()), () -> {
                Twin a = bc.grid() ? Twin.grid(reference, other, bt, bc.seed(), bc.a()) : Twin.uniform(reference, other, bt, bc.seed(), -2, 2, bc.a());
                Twin b = bc.grid() ? Twin.grid(reference, other, bt, bc.seed() + 1, bc.b()) : Twin.uniform(reference, other, bt, bc.seed() + 1, -2, 2, bc.b());
                return List.of(agree("result", other.binary(bc.op(), a.test(), b.test()), reference.binary(bc.op(), a.ref(), b.ref())));
            }));
        }
        return out;
    }

    private static String layerName(LayerCase c) {
        String d = c.description();
        int p = d.replace('[', '(').indexOf('(');
        return p < 0 ? d : d.substring(0, p);
    }

    private static TensorAgreement agree(String name, Tensor actual, Tensor expected) {
        if (!java.util.Arrays.equals(actual.shape(), expected.shape()))
            return new TensorAgreement(name + " (shape " + java.util.Arrays.toString(actual.shape()) + " vs " + java.util.Arrays.toString(expected.shape()) + ")",
                    Double.NaN, Closeness.tolerance(expected.dtype()));
        return new TensorAgreement(name, Closeness.relativeError(actual.toDoubleArray(), expected.toDoubleArray()), Closeness.tolerance(expected.dtype()));
    }

    private static SweepResult guard(String kind, String description, Supplier<List<TensorAgreement>> body) {
        try {
            return new SweepResult(kind, description, body.get(), null);
        } catch (RuntimeException | AssertionError e) {
            return new SweepResult(kind, description, List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
