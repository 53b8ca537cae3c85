package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ConvGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The deferred result of {@code unfold}: the input and geometry, materialised only when something needs the whole
 * column matrix. {@link ConvGemm} consumes it without materialising — it unfolds a few images at a time into a
 * cache-sized scratch buffer right before the GEMM that reads them (convolution forward and weight gradient), so the
 * k²-times-larger column matrix never travels through main memory.
 *
 * <p>Safety: the columns must reflect the input as it was at {@code unfold} time. The backend's in-place ops call
 * {@link #beforeWrite} first, which materialises every pending unfold of the buffer being written.
 */
final class LazyUnfold {
    final INDArray x;          // plain [N, C, H, W]
    final ConvGeometry g;
    final double padValue;
    final int n, c, h, w, oH, oW;
    private final Nd4jMemoryScope scope;
    private INDArray materialised;

    private static final List<WeakReference<LazyUnfold>> PENDING = new ArrayList<>();

    LazyUnfold(INDArray x, ConvGeometry g, double padValue) {
        this.x = x;
        this.g = g;
        this.padValue = padValue;
        long[] s = x.shape();
        n = (int) s[0]; c = (int) s[1]; h = (int) s[2]; w = (int) s[3];
        oH = g.outH(h); oW = g.outW(w);
        scope = Nd4jMemoryScope.current();
        synchronized (PENDING) {
            if (PENDING.size() >= 64) PENDING.removeIf(r -> { LazyUnfold u = r.get(); return u == null || u.materialised != null || u.dead(); });
            PENDING.add(new WeakReference<>(this));
        }
    }

    long[] shape() { return new long[]{n, (long) c * g.kernelSize(), (long) oH * oW}; }

    int rows() { return c * g.kernelSize(); }

    int cols() { return oH * oW; }

    boolean isMaterialised() { return materialised != null; }

    /** The full column matrix (computed once). */
    synchronized INDArray materialise() {
        if (materialised == null) materialised = Windows.unfold(x, g, padValue);
        return materialised;
    }

    private boolean dead() { return scope != null && scope.isClosed(); }

    /** Materialises every pending unfold that reads {@code target}'s buffer, before {@code target} is modified in place. */
    static void beforeWrite(INDArray target) {
        if (target.length() == 0) return;
        long address = target.data().address();
        List<LazyUnfold> hit = new ArrayList<>();
        synchronized (PENDING) {
            for (Iterator<WeakReference<LazyUnfold>> it = PENDING.iterator(); it.hasNext(); ) {
                LazyUnfold u = it.next().get();
                if (u == null || u.materialised != null || u.dead()) { it.remove(); continue; }
                if (u.x.data().address() == address) hit.add(u);
            }
        }
        for (LazyUnfold u : hit) u.materialise();
    }
}
