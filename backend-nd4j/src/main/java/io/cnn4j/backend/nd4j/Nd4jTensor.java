package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link Tensor} backed by an ND4J {@link INDArray}.
 *
 * <p>The logical layout is always row-major (the SPI's contract), but the physical layout of {@link #array()} may be
 * any dense or strided arrangement ND4J can describe: {@code unfold} for example stores its columns channel-major
 * ({@code [C·kh·kw, N, L]}) so that a convolution becomes one GEMM, and exposes them as a permuted view with the
 * logical shape {@code [N, C·kh·kw, L]}. Every backend operation goes through ND4J's stride-aware kernels, so callers
 * never see the difference.
 */
final class Nd4jTensor implements Tensor {
    private final Nd4jBackend backend;
    private INDArray array;
    /** The memory scope this tensor was created in (null: ordinary memory); its buffer dies with that scope. */
    private Nd4jMemoryScope scope;
    private final DType dtype;
    private final int[] shape;
    private final boolean ownsStorage;

    /** @param ownsStorage false when {@code array} shares its buffer with another tensor (a reshape view). */
    Nd4jTensor(Nd4jBackend backend, INDArray array, boolean ownsStorage) {
        this.backend = backend;
        this.ownsStorage = ownsStorage;
        this.scope = Nd4jMemoryScope.current();
        this.array = array;
        this.dtype = Nd4jTypes.dtype(array.dataType());
        long[] s = array.shape();
        this.shape = new int[s.length];
        for (int i = 0; i < s.length; i++) shape[i] = Math.toIntExact(s[i]);
    }

    /** The ND4J array holding this tensor's elements (possibly a strided view). */
    INDArray array() {
        if (scope != null && scope.isClosed())
            throw new IllegalStateException("nd4j: " + this + " was created inside a MemoryScope that is now closed; its memory is"
                    + " released. Pass it to scope.keep(t) before the scope closes to use it afterwards");
        return array;
    }

    Nd4jMemoryScope scope() { return scope; }

    /** Called by {@link Nd4jMemoryScope#keep}: the tensor now lives in {@code moved}, owned by {@code newScope}. */
    void moveTo(INDArray moved, Nd4jMemoryScope newScope) {
        this.array = moved;
        this.scope = newScope;
    }

    @Override public Backend backend() { return backend; }

    @Override public DType dtype() { return dtype; }

    @Override public int[] shape() { return shape.clone(); }

    /** The shape without a defensive copy, for the backend's own use. */
    int[] shapeRef() { return shape; }

    @Override public int rank() { return shape.length; }

    @Override public long numel() { return Shapes.numel(shape); }

    /** Whether this tensor allocated its buffer (false for reshape views sharing another tensor's storage). */
    boolean ownsStorage() { return ownsStorage; }

    /** Frees the native buffer now when this tensor owns it (views and empty arrays are left to the GC). */
    @Override
    public void close() {
        if (array != null && ownsStorage && array.length() > 0 && !array.isAttached() && !array.wasClosed() && array.closeable()) array.close();
    }

    @Override
    public String toString() { return "Nd4jTensor" + Shapes.str(shape) + " " + dtype; }
}
