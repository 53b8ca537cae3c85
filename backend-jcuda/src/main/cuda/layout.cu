// Strided copy: the one data-movement kernel behind permute, slice and concat.
// For every linear index i over L.shape: dst[dstOff + offset1(i)] = src[srcOff + offset0(i)].
#include "common.cuh"

template <typename T>
__device__ void strided_copy_impl(const T* src, int srcOff, T* dst, int dstOff, int n, Layout L) {
    CNN4J_FOR_EACH(i, n) {
        long long os, od;
        layout_offsets(L, i, os, od);
        dst[dstOff + od] = src[srcOff + os];
    }
}

extern "C" __global__ void strided_copy_f32(const float* src, int srcOff, float* dst, int dstOff, int n, Layout L) { strided_copy_impl<float>(src, srcOff, dst, dstOff, n, L); }
extern "C" __global__ void strided_copy_f64(const double* src, int srcOff, double* dst, int dstOff, int n, Layout L) { strided_copy_impl<double>(src, srcOff, dst, dstOff, n, L); }
