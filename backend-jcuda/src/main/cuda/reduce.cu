// Reductions over a contiguous tensor viewed as [outer, red, inner]. All are deterministic: every output is
// produced by one thread or one block in a fixed order (no atomics), so results are bit-reproducible.
// Sums accumulate in double for both dtypes.
#include "common.cuh"

#define CNN4J_REDUCE_THREADS 256

// y[o, i] = sum_r x[o, r, i]; one thread per output (good when red is small or inner is large: coalesced over i).
template <typename T>
__device__ void sum_mid_impl(const T* x, T* y, int outer, int red, int inner) {
    long long n = (long long)outer * inner;
    CNN4J_FOR_EACH(t, n) {
        long long o = t / inner, i = t % inner;
        const T* p = x + o * red * inner + i;
        double acc = 0.0;
        for (int r = 0; r < red; r++) acc += (double)p[(long long)r * inner];
        y[t] = (T)acc;
    }
}

// y[row] = sum_c x[row, c]; one block of CNN4J_REDUCE_THREADS per row (grid-stride over rows), tree reduction
// in shared memory in a fixed order.
template <typename T>
__device__ void sum_rows_block_impl(const T* x, T* y, int rows, int cols) {
    __shared__ double partial[CNN4J_REDUCE_THREADS];
    for (long long row = blockIdx.x; row < rows; row += gridDim.x) {
        const T* p = x + row * cols;
        double acc = 0.0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) acc += (double)p[c];
        partial[threadIdx.x] = acc;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s) partial[threadIdx.x] += partial[threadIdx.x + s];
            __syncthreads();
        }
        if (threadIdx.x == 0) y[row] = (T)partial[0];
        __syncthreads();
    }
}

// Max over the middle axis with the first index of the maximum; NaN counts as the maximum (first NaN wins).
template <typename T>
__device__ void max_axis_impl(const T* x, T* vals, T* idx, int outer, int size, int inner) {
    long long n = (long long)outer * inner;
    CNN4J_FOR_EACH(t, n) {
        long long o = t / inner, i = t % inner;
        const T* p = x + o * size * inner + i;
        T best = p[0];
        int bestIdx = 0;
        for (int r = 1; r < size && !isnan(best); r++) {
            T v = p[(long long)r * inner];
            if (isnan(v) || v > best) { best = v; bestIdx = r; }
        }
        vals[t] = best;
        idx[t] = (T)bestIdx;
    }
}

// out (pre-zeroed, [outer, size, inner]): out[o, idx[o,i], i] += src[o, i]. Each (o, i) owns a distinct
// column of out, so there are no write conflicts. A bad index sets *err = 1 (the host checks and throws).
template <typename T>
__device__ void scatter_axis_impl(const T* src, const T* idx, T* out, int outer, int size, int inner, int* err) {
    long long n = (long long)outer * inner;
    CNN4J_FOR_EACH(t, n) {
        long long o = t / inner, i = t % inner;
        T fi = idx[t];
        int k = (int)fi;
        if (!(fi >= T(0)) || fi >= (T)size || (T)k != fi) { atomicExch(err, 1); continue; }
        long long dst = (o * size + k) * inner + i;
        out[dst] = out[dst] + src[t];
    }
}

extern "C" __global__ void sum_mid_f32(const float* x, float* y, int outer, int red, int inner) { sum_mid_impl<float>(x, y, outer, red, inner); }
extern "C" __global__ void sum_mid_f64(const double* x, double* y, int outer, int red, int inner) { sum_mid_impl<double>(x, y, outer, red, inner); }
extern "C" __global__ void sum_rows_block_f32(const float* x, float* y, int rows, int cols) { sum_rows_block_impl<float>(x, y, rows, cols); }
extern "C" __global__ void sum_rows_block_f64(const double* x, double* y, int rows, int cols) { sum_rows_block_impl<double>(x, y, rows, cols); }
extern "C" __global__ void max_axis_f32(const float* x, float* v, float* i, int outer, int size, int inner) { max_axis_impl<float>(x, v, i, outer, size, inner); }
extern "C" __global__ void max_axis_f64(const double* x, double* v, double* i, int outer, int size, int inner) { max_axis_impl<double>(x, v, i, outer, size, inner); }
extern "C" __global__ void scatter_axis_f32(const float* s, const float* i, float* o, int outer, int size, int inner, int* err) { scatter_axis_impl<float>(s, i, o, outer, size, inner, err); }
extern "C" __global__ void scatter_axis_f64(const double* s, const double* i, double* o, int outer, int size, int inner, int* err) { scatter_axis_impl<double>(s, i, o, outer, size, inner, err); }
