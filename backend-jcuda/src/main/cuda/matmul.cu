// Tiled matrix multiply C[b] = op(A[b]) * op(B[b]) with shared-memory tiles and register blocking.
//
// Each block computes a BM x BN tile of C; each of its (BM/TM)*(BN/TN) threads accumulates TM x TN outputs
// in registers. Thread (tx, ty) owns rows ty + i*(BM/TM) and columns tx + j*(BN/TN) (interleaved rather than
// contiguous so that shared-memory reads of a warp hit distinct banks and global writes coalesce).
// Transposes, batching and broadcasting are all expressed through element strides (MatmulArgs), so one kernel
// covers A^T, B^T, batched, and a 2-D operand broadcast over the batch (batch stride 0). The tile loaders pick
// the coalesced direction at run time from the strides. The sum over K runs in a fixed order: deterministic.
#include "common.cuh"

// Field order matches io.cnn4j.jcuda.MatmulPlan.toKernelArg().
struct MatmulArgs {
    int M, N, K;
    int a_sm, a_sk, a_sb;   // A element (b, m, k) at b*a_sb + m*a_sm + k*a_sk
    int b_sk, b_sn, b_sb;   // B element (b, k, n) at b*b_sb + k*b_sk + n*b_sn
    int c_sm, c_sb;         // C element (b, m, n) at b*c_sb + m*c_sm + n
};

template <typename T, int BM, int BN, int BK, int TM, int TN>
__device__ __forceinline__ void gemm_tile(const T* __restrict__ A, const T* __restrict__ B, T* __restrict__ C,
                                          const MatmulArgs& p) {
    constexpr int THREADS = (BM / TM) * (BN / TN);
    constexpr int PAD = 4;  // breaks the bank pattern of the transposing stores
    __shared__ T As[BK][BM + PAD];
    __shared__ T Bs[BK][BN + PAD];

    const int tid = threadIdx.x;
    const int tx = tid % (BN / TN);
    const int ty = tid / (BN / TN);
    const long long bz = blockIdx.z;
    const T* Ab = A + bz * p.a_sb;
    const T* Bb = B + bz * p.b_sb;
    T* Cb = C + bz * p.c_sb;
    const int m0 = blockIdx.y * BM;
    const int n0 = blockIdx.x * BN;
    const bool aAlongK = (p.a_sk == 1);  // consecutive k contiguous in memory (A not transposed)
    const bool bAlongN = (p.b_sn == 1);  // consecutive n contiguous in memory (B not transposed)

    T acc[TM][TN];
#pragma unroll
    for (int i = 0; i < TM; i++)
#pragma unroll
        for (int j = 0; j < TN; j++) acc[i][j] = T(0);

    for (int k0 = 0; k0 < p.K; k0 += BK) {
#pragma unroll
        for (int r = 0; r < (BM * BK) / THREADS; r++) {
            int e = tid + r * THREADS;
            int m, k;
            if (aAlongK) { m = e / BK; k = e % BK; } else { k = e / BM; m = e % BM; }
            int gm = m0 + m, gk = k0 + k;
            As[k][m] = (gm < p.M && gk < p.K) ? Ab[(long long)gm * p.a_sm + (long long)gk * p.a_sk] : T(0);
        }
#pragma unroll
        for (int r = 0; r < (BN * BK) / THREADS; r++) {
            int e = tid + r * THREADS;
            int n, k;
            if (bAlongN) { k = e / BN; n = e % BN; } else { n = e / BK; k = e % BK; }
            int gn = n0 + n, gk = k0 + k;
            Bs[k][n] = (gn < p.N && gk < p.K) ? Bb[(long long)gk * p.b_sk + (long long)gn * p.b_sn] : T(0);
        }
        __syncthreads();
#pragma unroll
        for (int k = 0; k < BK; k++) {
            T ra[TM], rb[TN];
#pragma unroll
            for (int i = 0; i < TM; i++) ra[i] = As[k][ty + i * (BM / TM)];
#pragma unroll
            for (int j = 0; j < TN; j++) rb[j] = Bs[k][tx + j * (BN / TN)];
#pragma unroll
            for (int i = 0; i < TM; i++)
#pragma unroll
                for (int j = 0; j < TN; j++) acc[i][j] = fma(ra[i], rb[j], acc[i][j]);
        }
        __syncthreads();
    }

#pragma unroll
    for (int i = 0; i < TM; i++) {
        int gm = m0 + ty + i * (BM / TM);
        if (gm >= p.M) continue;
#pragma unroll
        for (int j = 0; j < TN; j++) {
            int gn = n0 + tx + j * (BN / TN);
            if (gn < p.N) Cb[(long long)gm * p.c_sm + gn] = acc[i][j];
        }
    }
}

// Large tiles for big products (e.g. 4096^3): 128x128 per block, 8x8 per thread, 256 threads.
extern "C" __global__ void __launch_bounds__(256) matmul_big_f32(const float* A, const float* B, float* C, MatmulArgs p) { gemm_tile<float, 128, 128, 8, 8, 8>(A, B, C, p); }
extern "C" __global__ void __launch_bounds__(256) matmul_big_f64(const double* A, const double* B, double* C, MatmulArgs p) { gemm_tile<double, 128, 128, 8, 8, 8>(A, B, C, p); }
// Small tiles when big tiles would leave SMs idle: 64x64 per block, 4x4 per thread, 256 threads.
extern "C" __global__ void __launch_bounds__(256) matmul_small_f32(const float* A, const float* B, float* C, MatmulArgs p) { gemm_tile<float, 64, 64, 8, 4, 4>(A, B, C, p); }
extern "C" __global__ void __launch_bounds__(256) matmul_small_f64(const double* A, const double* B, double* C, MatmulArgs p) { gemm_tile<double, 64, 64, 8, 4, 4>(A, B, C, p); }
