package io.cnn4j.jcuda;

/**
 * A CUDA failure as a Java exception. Launch failures name the kernel, its launch shape (grid/block) and the
 * CUDA error (name and description), e.g.
 * {@code CUDA error in kernel matmul_big_f32 grid=(32,32,1) block=(256,1,1): CUDA_ERROR_ILLEGAL_ADDRESS (an illegal memory access was encountered)}.
 */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CudaException(String message) { super(message); }
}
