package io.cnn4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.ConcurrentHashMap;

/** Cached vectors of ones (outside any workspace) for reductions by GEMM; one per dtype, grown on demand. */
final class Ones {
    private Ones() {}

    private static final ConcurrentHashMap<DataType, INDArray> CACHE = new ConcurrentHashMap<>();

    /** A plain vector of at least {@code n} ones (only the first n are read). */
    static INDArray of(DataType type, long n) {
        INDArray o = CACHE.get(type);
        if (o != null && o.length() >= n) return o;
        synchronized (Ones.class) {
            o = CACHE.get(type);
            if (o != null && o.length() >= n) return o;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray fresh = Nd4j.ones(type, Math.max(n, 1024));
                CACHE.put(type, fresh);
                return fresh;
            }
        }
    }
}
