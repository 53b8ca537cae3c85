// Elementwise kernels: unary ops, binary ops (same shape, broadcast, scalar), axpy, fill, casts.
// Op codes must match io.cnn4j.jcuda.OpCodes; definitions follow io.cnn4j.tensor.UnaryOp/BinaryOp.apply.
#include "common.cuh"

template <typename T>
__device__ __forceinline__ T unary_apply(int op, T x) {
    switch (op) {
        case 0: return -x;                                   // NEG
        case 1: return fabs(x);                              // ABS
        case 2: return exp(x);                               // EXP
        case 3: return log(x);                               // LOG
        case 4: return sqrt(x);                              // SQRT
        case 5: return x * x;                                // SQUARE
        case 6: return T(1) / x;                             // RECIPROCAL
        case 7: return x > T(0) ? x : T(0);                  // RELU (NaN -> 0, as the reference)
        case 8:                                              // SIGMOID, stable for both signs
            if (x >= T(0)) return T(1) / (T(1) + exp(-x));
            else { T e = exp(x); return e / (T(1) + e); }
        case 9: return tanh(x);                              // TANH
        case 10: return x > T(0) ? T(1) : (x < T(0) ? T(-1) : x); // SIGN (keeps +-0 and NaN)
        default: return (T)nan("");                          // unknown op: NaN (host validates codes)
    }
}

template <typename T>
__device__ __forceinline__ T binary_apply(int op, T a, T b) {
    switch (op) {
        case 0: return a + b;                                // ADD
        case 1: return a - b;                                // SUB
        case 2: return a * b;                                // MUL
        case 3: return a / b;                                // DIV
        case 4: return (isnan(a) || isnan(b)) ? a + b : (a > b ? a : b);  // MAX, NaN propagates
        case 5: return (isnan(a) || isnan(b)) ? a + b : (a < b ? a : b);  // MIN, NaN propagates
        case 6: return pow(a, b);                            // POW
        case 7: return a > b ? T(1) : T(0);                  // GT
        case 8: return a >= b ? T(1) : T(0);                 // GE
        case 9: return a < b ? T(1) : T(0);                  // LT
        case 10: return a <= b ? T(1) : T(0);                // LE
        case 11: return a == b ? T(1) : T(0);                // EQ
        default: return (T)nan("");
    }
}

template <typename T>
__device__ void unary_impl(const T* x, T* y, int n, int op) {
    CNN4J_FOR_EACH(i, n) y[i] = unary_apply<T>(op, x[i]);
}

template <typename T>
__device__ void binary_same_impl(const T* a, const T* b, T* y, int n, int op) {
    CNN4J_FOR_EACH(i, n) y[i] = binary_apply<T>(op, a[i], b[i]);
}

// L.shape = output shape, L.s0 = strides of a, L.s1 = strides of b (0 on broadcast axes).
template <typename T>
__device__ void binary_bcast_impl(const T* a, const T* b, T* y, int n, int op, Layout L) {
    CNN4J_FOR_EACH(i, n) {
        long long oa, ob;
        layout_offsets(L, i, oa, ob);
        y[i] = binary_apply<T>(op, a[oa], b[ob]);
    }
}

// Evaluated in double and rounded once, as the reference backend does: the scalar is not rounded to float
// first, so comparisons against a scalar give the same masks and scaling by e.g. 1/n matches bit for bit.
template <typename T>
__device__ void binary_scalar_impl(const T* a, T* y, int n, int op, double s) {
    CNN4J_FOR_EACH(i, n) y[i] = (T)binary_apply<double>(op, (double)a[i], s);
}

// y += alpha * x, formed in double and rounded once (the reference's definition for FLOAT32).
template <typename T>
__device__ void axpy_impl(const T* x, T* y, int n, double alpha) {
    CNN4J_FOR_EACH(i, n) y[i] = (T)((double)y[i] + alpha * (double)x[i]);
}

template <typename T>
__device__ void fill_impl(T* y, int n, double v) {
    T tv = (T)v;
    CNN4J_FOR_EACH(i, n) y[i] = tv;
}

extern "C" __global__ void unary_f32(const float* x, float* y, int n, int op) { unary_impl<float>(x, y, n, op); }
extern "C" __global__ void unary_f64(const double* x, double* y, int n, int op) { unary_impl<double>(x, y, n, op); }
extern "C" __global__ void binary_same_f32(const float* a, const float* b, float* y, int n, int op) { binary_same_impl<float>(a, b, y, n, op); }
extern "C" __global__ void binary_same_f64(const double* a, const double* b, double* y, int n, int op) { binary_same_impl<double>(a, b, y, n, op); }
extern "C" __global__ void binary_bcast_f32(const float* a, const float* b, float* y, int n, int op, Layout L) { binary_bcast_impl<float>(a, b, y, n, op, L); }
extern "C" __global__ void binary_bcast_f64(const double* a, const double* b, double* y, int n, int op, Layout L) { binary_bcast_impl<double>(a, b, y, n, op, L); }
extern "C" __global__ void binary_scalar_f32(const float* a, float* y, int n, int op, double s) { binary_scalar_impl<float>(a, y, n, op, s); }
extern "C" __global__ void binary_scalar_f64(const double* a, double* y, int n, int op, double s) { binary_scalar_impl<double>(a, y, n, op, s); }
extern "C" __global__ void axpy_f32(const float* x, float* y, int n, double alpha) { axpy_impl<float>(x, y, n, alpha); }
extern "C" __global__ void axpy_f64(const double* x, double* y, int n, double alpha) { axpy_impl<double>(x, y, n, alpha); }
extern "C" __global__ void fill_f32(float* y, int n, double v) { fill_impl<float>(y, n, v); }
extern "C" __global__ void fill_f64(double* y, int n, double v) { fill_impl<double>(y, n, v); }
extern "C" __global__ void cast_f32_to_f64(const float* x, double* y, int n) { CNN4J_FOR_EACH(i, n) y[i] = (double)x[i]; }
extern "C" __global__ void cast_f64_to_f32(const double* x, float* y, int n) { CNN4J_FOR_EACH(i, n) y[i] = (float)x[i]; }
