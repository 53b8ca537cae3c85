package io.cnn4j.jcuda;

import jcuda.driver.CUdeviceptr;

/**
 * What {@link JCudaBackend} needs from a GPU: kernel launches, copies, raw memory. {@link CudaContext} is the
 * real one; tests substitute a recording fake to check, without a GPU, that every launch passes arguments
 * matching the kernel's PTX signature.
 */
interface Device extends RawDeviceMemory<CUdeviceptr> {

    /** E.g. "CUDA device 0: NVIDIA H100 ..., compute capability 9.0, 132 SMs, driver 13.0". */
    String description();

    int multiprocessors();

    /** Launches {@code kernel} asynchronously; throws {@link CudaException} naming kernel, shape and error. */
    void launch(String kernel, LaunchShape shape, KernelArgs args);

    void synchronize();

    /** Host to device, the whole array. */
    void copyToDevice(CUdeviceptr dst, float[] src);

    void copyToDevice(CUdeviceptr dst, double[] src);

    /** Device to host, filling the whole array (synchronises with queued work). */
    void copyToHost(float[] dst, CUdeviceptr src);

    void copyToHost(double[] dst, CUdeviceptr src);

    void copyToHost(int[] dst, CUdeviceptr src);

    void copyOnDevice(CUdeviceptr dst, CUdeviceptr src, long bytes);

    /** Sets {@code bytes} bytes to zero (+0.0 in both dtypes). */
    void zero(CUdeviceptr dst, long bytes);

    /** {free, total} device memory in bytes. */
    long[] memoryInfo();
}
