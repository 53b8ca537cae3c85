package io.cnn4j.jcuda;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import jcuda.driver.CUdeviceptr;

import java.lang.ref.Cleaner;

/**
 * A contiguous row-major tensor in device memory. Its storage reference is given back exactly once: by
 * {@link #close()} (explicitly or when its {@link CudaScope} closes) or, as a safety net, by the
 * {@link Cleaner} when the tensor becomes unreachable. The cleaning action holds the storage, never the tensor.
 */
final class CudaTensor implements Tensor {
    private final JCudaBackend backend;
    private final DType dtype;
    private final int[] shape;
    private final int numel;
    private final DeviceStorage storage;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    CudaTensor(JCudaBackend backend, DType dtype, int[] shape, DeviceStorage storage, Cleaner cleaner) {
        this.backend = backend;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.numel = (int) Shapes.numel(shape);
        this.storage = storage;
        this.cleanable = cleaner.register(this, new Release(storage));
    }

    /** Runs once per tensor; must not reference the tensor (or it would never become unreachable). */
    private static final class Release implements Runnable {
        private final DeviceStorage storage;
        Release(DeviceStorage storage) { this.storage = storage; }
        @Override public void run() { storage.release(); }
    }

    @Override public Backend backend() { return backend; }
    @Override public DType dtype() { return dtype; }
    @Override public int[] shape() { return shape.clone(); }
    @Override public int rank() { return shape.length; }
    @Override public long numel() { return numel; }

    int[] shapeRef() { return shape; }
    int count() { return numel; }
    long bytes() { return (long) numel * dtype.byteSize(); }
    DeviceStorage storage() { return storage; }

    /** The device address; throws if the tensor was closed or released by its scope. */
    CUdeviceptr pointer() {
        if (closed)
            throw new IllegalStateException("jcuda: tensor " + Shapes.str(shape) + " " + dtype + " was released (closed explicitly, "
                    + "or allocated inside a MemoryScope that has closed); keep it with scope.keep(t) or create it before the scope");
        return storage.pointer();
    }

    boolean isClosed() { return closed; }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        cleanable.clean();
    }

    @Override
    public String toString() { return "CudaTensor" + Shapes.str(shape) + " " + dtype + (closed ? " (closed)" : ""); }
}
