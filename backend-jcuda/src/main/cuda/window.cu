// Sliding windows: unfold (im2col) and fold (col2im), NCHW, as torch.nn.functional.unfold/fold.
//
// fold is a GATHER: one thread per output pixel (n, c, h, w) visits the kernel offsets (ki, kj) in a fixed
// order and adds the column entries that cover the pixel. No atomics, so fold is deterministic and
// bit-reproducible run to run (the scatter formulation with atomicAdd is not: float addition order varies).
#include "common.cuh"

// Field order matches io.cnn4j.jcuda.WindowGeometry.toKernelArg().
struct Geo {
    int C, H, W;      // input channels and spatial size
    int kh, kw;       // kernel
    int sh, sw;       // stride
    int pt, pl;       // padding before (top, left); padding after only enters through oH/oW
    int dh, dw;       // dilation
    int oH, oW;       // output positions per axis
};

// cols[n, (c*kh + ki)*kw + kj, oh*oW + ow] = x[n, c, oh*sh - pt + ki*dh, ow*sw - pl + kj*dw] or pad.
template <typename T>
__device__ void unfold_impl(const T* x, T* cols, int N, Geo g, double pad) {
    long long L = (long long)g.oH * g.oW;
    long long rows = (long long)g.C * g.kh * g.kw;
    long long n = (long long)N * rows * L;
    T tpad = (T)pad;
    CNN4J_FOR_EACH(i, n) {
        long long col = i % L;
        long long t = i / L;
        int row = (int)(t % rows);
        long long b = t / rows;
        int c = row / (g.kh * g.kw);
        int ki = (row / g.kw) % g.kh;
        int kj = row % g.kw;
        int oh = (int)(col / g.oW), ow = (int)(col % g.oW);
        int ih = oh * g.sh - g.pt + ki * g.dh;
        int iw = ow * g.sw - g.pl + kj * g.dw;
        T v = tpad;
        if (ih >= 0 && ih < g.H && iw >= 0 && iw < g.W) v = x[((b * g.C + c) * g.H + ih) * g.W + iw];
        cols[i] = v;
    }
}

// x[n, c, h, w] = sum over (ki, kj) with h = oh*sh - pt + ki*dh, w = ow*sw - pl + kj*dw of cols[...].
template <typename T>
__device__ void fold_impl(const T* cols, T* x, int N, Geo g) {
    long long L = (long long)g.oH * g.oW;
    long long n = (long long)N * g.C * g.H * g.W;
    CNN4J_FOR_EACH(i, n) {
        int w = (int)(i % g.W);
        int h = (int)((i / g.W) % g.H);
        long long bc = i / ((long long)g.H * g.W);      // b * C + c
        const T* base = cols + bc * g.kh * g.kw * L;     // row block of channel c in image b
        T acc = T(0);
        for (int ki = 0; ki < g.kh; ki++) {
            int hp = h + g.pt - ki * g.dh;
            if (hp < 0 || hp % g.sh != 0) continue;
            int oh = hp / g.sh;
            if (oh >= g.oH) continue;
            for (int kj = 0; kj < g.kw; kj++) {
                int wp = w + g.pl - kj * g.dw;
                if (wp < 0 || wp % g.sw != 0) continue;
                int ow = wp / g.sw;
                if (ow >= g.oW) continue;
                acc += base[(long long)(ki * g.kw + kj) * L + (long long)oh * g.oW + ow];
            }
        }
        x[i] = acc;
    }
}

extern "C" __global__ void unfold_f32(const float* x, float* cols, int N, Geo g, double pad) { unfold_impl<float>(x, cols, N, g, pad); }
extern "C" __global__ void unfold_f64(const double* x, double* cols, int N, Geo g, double pad) { unfold_impl<double>(x, cols, N, g, pad); }
extern "C" __global__ void fold_f32(const float* cols, float* x, int N, Geo g) { fold_impl<float>(cols, x, N, g); }
extern "C" __global__ void fold_f64(const double* cols, double* x, int N, Geo g) { fold_impl<double>(cols, x, N, g); }
