// Runs every kernel of src/main/cuda on the CPU (emu.h) against naive C++ definitions, with the arguments
// built the way the Java side builds them. Exit code 0 = all checks passed. Build and run:
//   backend-jcuda/cuda/emulate-kernels.sh
#include "emu.h"

#include "../../src/main/cuda/elementwise.cu"
#include "../../src/main/cuda/layout.cu"
#include "../../src/main/cuda/reduce.cu"
#include "../../src/main/cuda/window.cu"
#include "../../src/main/cuda/matmul.cu"

#include <random>
#include <string>

static int failures = 0, checks = 0;
static std::mt19937_64 rng(20240611);

static void expect(bool ok, const std::string& what) {
    checks++;
    if (!ok) { failures++; if (failures < 30) fprintf(stderr, "FAIL: %s\n", what.c_str()); }
}

template <typename T> static std::vector<T> rnd(size_t n, double lo = -1, double hi = 1) {
    std::uniform_real_distribution<double> d(lo, hi);
    std::vector<T> v(n);
    for (auto& x : v) x = (T)d(rng);
    return v;
}

// ‖a−b‖/‖b‖ against a double reference
template <typename T> static double relerr(const std::vector<T>& a, const std::vector<double>& b) {
    double num = 0, den = 0;
    for (size_t i = 0; i < b.size(); i++) { num += ((double)a[i] - b[i]) * ((double)a[i] - b[i]); den += b[i] * b[i]; }
    return den == 0 ? sqrt(num) : sqrt(num / den);
}
template <typename T> static double tol() { return sizeof(T) == 4 ? 1e-5 : 1e-12; }
template <typename T> static const char* tname() { return sizeof(T) == 4 ? "f32" : "f64"; }

static std::vector<int> strides(const std::vector<int>& s) {
    std::vector<int> r(s.size());
    int acc = 1;
    for (int d = (int)s.size() - 1; d >= 0; d--) { r[d] = acc; acc *= s[d]; }
    return r;
}
static long long numel(const std::vector<int>& s) { long long n = 1; for (int d : s) n *= d; return n; }

// as StridedLayout.alignedStrides / broadcast
static Layout bcast_layout(const std::vector<int>& out, const std::vector<int>& a, const std::vector<int>& b) {
    Layout L{};
    L.rank = (int)out.size();
    auto sa = strides(a), sb = strides(b);
    for (int d = 0; d < L.rank; d++) {
        L.shape[d] = out[d];
        int da = d - (int)(out.size() - a.size()), db = d - (int)(out.size() - b.size());
        L.s0[d] = (da < 0 || a[da] == 1) ? 0 : sa[da];
        L.s1[d] = (db < 0 || b[db] == 1) ? 0 : sb[db];
    }
    return L;
}

// ------------------------------------------------------------------ per-kernel launch wrappers (as JCudaBackend)

#define SFX(T, name) (sizeof(T) == 4 ? (void*)name##_f32 : (void*)name##_f64)

template <typename T> static void k_unary(const T* x, T* y, int n, int op) {
    emu_launch(linear_grid(n), {256}, false, [&] { if constexpr (sizeof(T) == 4) unary_f32(x, y, n, op); else unary_f64(x, y, n, op); });
}
template <typename T> static void k_binary_bcast(const T* a, const T* b, T* y, int n, int op, Layout L) {
    emu_launch(linear_grid(n), {256}, false, [&] { if constexpr (sizeof(T) == 4) binary_bcast_f32(a, b, y, n, op, L); else binary_bcast_f64(a, b, y, n, op, L); });
}

// ------------------------------------------------------------------ tests

static double unary_ref(int op, double x) {
    switch (op) {
        case 0: return -x; case 1: return fabs(x); case 2: return exp(x); case 3: return log(x); case 4: return sqrt(x);
        case 5: return x * x; case 6: return 1 / x; case 7: return x > 0 ? x : 0.0;
        case 8: return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x));
        case 9: return tanh(x); case 10: return x > 0 ? 1 : (x < 0 ? -1 : x);
    }
    return NAN;
}
static double binary_ref(int op, double a, double b) {
    switch (op) {
        case 0: return a + b; case 1: return a - b; case 2: return a * b; case 3: return a / b;
        case 4: return (std::isnan(a) || std::isnan(b)) ? NAN : std::max(a, b);
        case 5: return (std::isnan(a) || std::isnan(b)) ? NAN : std::min(a, b);
        case 6: return pow(a, b); case 7: return a > b; case 8: return a >= b; case 9: return a < b; case 10: return a <= b; case 11: return a == b;
    }
    return NAN;
}
static bool same(double got, double want, double rtol) {
    if (std::isnan(want)) return std::isnan(got);
    if (std::isinf(want)) return got == want;
    return fabs(got - want) <= rtol * std::max(1.0, fabs(want));
}

template <typename T> static void test_elementwise() {
    std::vector<T> x = {0, (T)-0.0, 1, -1, (T)0.5, (T)-2.5, 30, -30, (T)NAN, (T)INFINITY, (T)-INFINITY, (T)1e-3};
    int n = (int)x.size();
    std::vector<T> y(n);
    for (int op = 0; op <= 10; op++) {
        k_unary<T>(x.data(), y.data(), n, op);
        for (int i = 0; i < n; i++)
            expect(same(y[i], unary_ref(op, (double)x[i]), sizeof(T) == 4 ? 2e-6 : 1e-14),
                   std::string("unary ") + tname<T>() + " op " + std::to_string(op) + " x=" + std::to_string((double)x[i]) + " got " + std::to_string((double)y[i]));
        if (op == 10) expect(std::signbit((double)y[1]), "sign(-0) keeps the sign");
    }
    // binary, broadcasting [2,3,4] op [3,1] and [4] op [2,1,1]; scalar ops
    std::vector<std::pair<std::vector<int>, std::vector<int>>> cases = {{{2, 3, 4}, {3, 1}}, {{4}, {2, 1, 1}}, {{2, 1, 5}, {1, 3, 1}}, {{}, {3}}};
    for (auto& [as, bs] : cases) {
        std::vector<int> out(std::max(as.size(), bs.size()));
        for (size_t d = 0; d < out.size(); d++) {
            int da = (int)d - (int)(out.size() - as.size()), db = (int)d - (int)(out.size() - bs.size());
            int ea = da < 0 ? 1 : as[da], eb = db < 0 ? 1 : bs[db];
            out[d] = std::max(ea, eb);
        }
        auto a = rnd<T>(numel(as), 0.1, 2), b = rnd<T>(numel(bs), 0.1, 2);
        if (a.size() > 2) a[1] = b[0];  // exercise EQ/GE ties
        int n2 = (int)numel(out);
        Layout L = bcast_layout(out, as, bs);
        std::vector<T> y2(n2);
        for (int op = 0; op <= 11; op++) {
            k_binary_bcast<T>(a.data(), b.data(), y2.data(), n2, op, L);
            auto os = strides(out);
            for (int i = 0; i < n2; i++) {
                // naive broadcast index
                long long ia = 0, ib = 0;
                auto sa = strides(as), sb = strides(bs);
                for (size_t d = 0; d < out.size(); d++) {
                    int c = (i / os[d]) % out[d];
                    int da = (int)d - (int)(out.size() - as.size()), db = (int)d - (int)(out.size() - bs.size());
                    if (da >= 0 && as[da] != 1) ia += (long long)c * sa[da];
                    if (db >= 0 && bs[db] != 1) ib += (long long)c * sb[db];
                }
                expect(same(y2[i], binary_ref(op, (double)a[ia], (double)b[ib]), sizeof(T) == 4 ? 2e-6 : 1e-14),
                       std::string("binary_bcast ") + tname<T>() + " op " + std::to_string(op) + " i=" + std::to_string(i));
            }
        }
    }
    auto a = rnd<T>(1000), b = rnd<T>(1000);
    std::vector<T> y3(1000);
    emu_launch(linear_grid(1000), {256}, false, [&] { if constexpr (sizeof(T) == 4) binary_same_f32(a.data(), b.data(), y3.data(), 1000, 4); else binary_same_f64(a.data(), b.data(), y3.data(), 1000, 4); });
    for (int i = 0; i < 1000; i++) expect(y3[i] == std::max(a[i], b[i]), "binary_same max");
    emu_launch(linear_grid(1000), {256}, false, [&] { if constexpr (sizeof(T) == 4) binary_scalar_f32(a.data(), y3.data(), 1000, 6, 2.0); else binary_scalar_f64(a.data(), y3.data(), 1000, 6, 2.0); });
    for (int i = 0; i < 1000; i++) expect(same(y3[i], (double)a[i] * a[i], 1e-6), "binary_scalar pow 2");
    std::vector<T> acc = b;
    emu_launch(linear_grid(1000), {256}, false, [&] { if constexpr (sizeof(T) == 4) axpy_f32(a.data(), acc.data(), 1000, -0.5); else axpy_f64(a.data(), acc.data(), 1000, -0.5); });
    for (int i = 0; i < 1000; i++) expect(same(acc[i], (double)b[i] - 0.5 * a[i], 1e-6), "axpy");
    emu_launch(linear_grid(1000), {256}, false, [&] { if constexpr (sizeof(T) == 4) fill_f32(acc.data(), 1000, 3.25); else fill_f64(acc.data(), 1000, 3.25); });
    for (int i = 0; i < 1000; i++) expect(acc[i] == (T)3.25, "fill");
}

template <typename T> static void strided(const T* src, int so, T* dst, int dof, int n, Layout L) {
    emu_launch(linear_grid(n), {256}, false, [&] { if constexpr (sizeof(T) == 4) strided_copy_f32(src, so, dst, dof, n, L); else strided_copy_f64(src, so, dst, dof, n, L); });
}

template <typename T> static void test_layout() {
    // permute [2,3,4] by (2,0,1): out (k,i,j) = x(i,j,k)   (StridedLayout.permute)
    auto x = rnd<T>(24);
    std::vector<T> y(24);
    Layout P{3, {4, 2, 3}, {1, 12, 4}, {6, 3, 1}};
    strided<T>(x.data(), 0, y.data(), 0, 24, P);
    for (int k = 0; k < 4; k++) for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++)
        expect(y[(k * 2 + i) * 3 + j] == x[i * 12 + j * 4 + k], "permute");
    // slice axis 1 [1,3) of [2,4,3]: s0 = whole strides, s1 = part strides, src offset 1*3
    std::vector<T> w = rnd<T>(24), s(12);
    Layout S{3, {2, 2, 3}, {12, 3, 1}, {6, 3, 1}};
    strided<T>(w.data(), 3, s.data(), 0, 12, S);
    for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) for (int c = 0; c < 3; c++)
        expect(s[(a * 2 + b) * 3 + c] == w[a * 12 + (b + 1) * 3 + c], "slice");
    // concat along axis 1: [2,1,3] + [2,3,3] -> [2,4,3]
    std::vector<T> p = rnd<T>(6), q = rnd<T>(18), out(24);
    strided<T>(p.data(), 0, out.data(), 0, 6, Layout{3, {2, 1, 3}, {3, 3, 1}, {12, 3, 1}});
    strided<T>(q.data(), 0, out.data(), 1 * 3, 18, Layout{3, {2, 3, 3}, {9, 3, 1}, {12, 3, 1}});
    for (int a = 0; a < 2; a++) for (int b = 0; b < 4; b++) for (int c = 0; c < 3; c++)
        expect(out[(a * 4 + b) * 3 + c] == (b == 0 ? p[a * 3 + c] : q[(a * 3 + b - 1) * 3 + c]), "concat");
    // casts
    std::vector<float> f = rnd<float>(300);
    std::vector<double> d(300);
    std::vector<float> back(300);
    emu_launch(linear_grid(300), {256}, false, [&] { cast_f32_to_f64(f.data(), d.data(), 300); });
    emu_launch(linear_grid(300), {256}, false, [&] { cast_f64_to_f32(d.data(), back.data(), 300); });
    for (int i = 0; i < 300; i++) expect(d[i] == (double)f[i] && back[i] == f[i], "casts");
}

template <typename T> static void test_reduce() {
    for (auto [outer, red, inner] : std::vector<std::tuple<int, int, int>>{{1, 5000, 1}, {7, 300, 1}, {3, 17, 5}, {1, 32, 4096}, {4, 0, 3}, {64, 1024, 1}}) {
        auto x = rnd<T>((size_t)outer * red * inner);
        std::vector<double> want((size_t)outer * inner, 0.0);
        for (int o = 0; o < outer; o++) for (int r = 0; r < red; r++) for (int i = 0; i < inner; i++) want[o * inner + i] += x[((size_t)o * red + r) * inner + i];
        std::vector<T> y(want.size());
        long long n = (long long)outer * inner;
        emu_launch(linear_grid(n), {256}, false, [&] { if constexpr (sizeof(T) == 4) sum_mid_f32(x.data(), y.data(), outer, red, inner); else sum_mid_f64(x.data(), y.data(), outer, red, inner); });
        expect(relerr(y, want) <= tol<T>(), std::string("sum_mid ") + tname<T>() + " " + std::to_string(outer) + "x" + std::to_string(red) + "x" + std::to_string(inner));
        if (inner == 1 && red >= 256) {
            std::vector<T> z(want.size());
            emu_launch(dim3{(unsigned)std::min(outer, 1 << 16)}, {256}, true, [&] { if constexpr (sizeof(T) == 4) sum_rows_block_f32(x.data(), z.data(), outer, red); else sum_rows_block_f64(x.data(), z.data(), outer, red); });
            expect(relerr(z, want) <= tol<T>(), std::string("sum_rows_block ") + tname<T>() + " rows=" + std::to_string(outer));
        }
    }
    // max over the middle axis: ties -> first index, NaN wins (first NaN)
    std::vector<T> x = {1, 3, 3, 2,   (T)NAN, 5, (T)NAN, 1,   -1, -4, -1, -2};  // [outer=3, size=4, inner=1]
    std::vector<T> v(3), idx(3);
    emu_launch(linear_grid(3), {256}, false, [&] { if constexpr (sizeof(T) == 4) max_axis_f32(x.data(), v.data(), idx.data(), 3, 4, 1); else max_axis_f64(x.data(), v.data(), idx.data(), 3, 4, 1); });
    expect(v[0] == 3 && idx[0] == 1, "max tie -> first index");
    expect(std::isnan((double)v[1]) && idx[1] == 0, "max NaN first");
    expect(v[2] == -1 && idx[2] == 0, "max negative tie");
    std::vector<T> y = {0, 1, 5, 1, 7, 9};  // [outer=1, size=2, inner=3]: max over axis of size 2
    std::vector<T> v2(3), i2(3);
    emu_launch(linear_grid(3), {256}, false, [&] { if constexpr (sizeof(T) == 4) max_axis_f32(y.data(), v2.data(), i2.data(), 1, 2, 3); else max_axis_f64(y.data(), v2.data(), i2.data(), 1, 2, 3); });
    expect(v2[0] == 1 && i2[0] == 1 && v2[1] == 7 && i2[1] == 1 && v2[2] == 9 && i2[2] == 1, "max with inner stride");
    // scatter: adjoint of gather at argmax
    std::vector<T> src = {10, 20, 30}, out(6, 0);
    int err = 0;
    emu_launch(linear_grid(3), {256}, false, [&] { if constexpr (sizeof(T) == 4) scatter_axis_f32(src.data(), i2.data(), out.data(), 1, 2, 3, &err); else scatter_axis_f64(src.data(), i2.data(), out.data(), 1, 2, 3, &err); });
    expect(err == 0 && out[3] == 10 && out[4] == 20 && out[5] == 30 && out[0] == 0, "scatter");
    std::vector<T> bad = {0, 2, (T)0.5};
    std::vector<T> out2(6, 0);
    emu_launch(linear_grid(3), {256}, false, [&] { if constexpr (sizeof(T) == 4) scatter_axis_f32(src.data(), bad.data(), out2.data(), 1, 2, 3, &err); else scatter_axis_f64(src.data(), bad.data(), out2.data(), 1, 2, 3, &err); });
    expect(err == 1, "scatter flags out-of-range / non-integer indices");
}

template <typename T> static void test_window() {
    std::uniform_int_distribution<int> k(1, 5), s(1, 3), p(0, 2), dl(1, 2), sz(1, 9), ch(1, 3), nb(1, 2);
    int tested = 0;
    for (int trial = 0; trial < 400 && tested < 150; trial++) {
        int N = nb(rng), C = ch(rng), H = sz(rng), W = sz(rng);
        int kh = k(rng), kw = k(rng), sh = s(rng), sw = s(rng), pt = p(rng), pb = p(rng), pl = p(rng), pr = p(rng), dh = dl(rng), dw = dl(rng);
        int effH = dh * (kh - 1) + 1, effW = dw * (kw - 1) + 1;
        if (H + pt + pb < effH || W + pl + pr < effW) continue;
        tested++;
        int oH = (H + pt + pb - effH) / sh + 1, oW = (W + pl + pr - effW) / sw + 1;
        Geo g{C, H, W, kh, kw, sh, sw, pt, pl, dh, dw, oH, oW};
        long long L = (long long)oH * oW, rows = (long long)C * kh * kw;
        auto x = rnd<T>((size_t)N * C * H * W);
        std::vector<T> cols((size_t)(N * rows * L));
        double pad = trial % 2 ? 0.0 : -INFINITY;
        emu_launch(linear_grid(N * rows * L), {256}, false, [&] { if constexpr (sizeof(T) == 4) unfold_f32(x.data(), cols.data(), N, g, pad); else unfold_f64(x.data(), cols.data(), N, g, pad); });
        bool ok = true;
        for (int b = 0; b < N; b++) for (int c = 0; c < C; c++) for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++)
            for (int oh = 0; oh < oH; oh++) for (int ow = 0; ow < oW; ow++) {
                int ih = oh * sh - pt + i * dh, iw = ow * sw - pl + j * dw;
                double want = (ih >= 0 && ih < H && iw >= 0 && iw < W) ? (double)x[((size_t)(b * C + c) * H + ih) * W + iw] : pad;
                double got = cols[((size_t)b * rows + (c * kh + i) * kw + j) * L + oh * oW + ow];
                ok &= (got == want);
            }
        expect(ok, "unfold " + std::string(tname<T>()) + " geometry trial " + std::to_string(trial));
        // fold = naive col2im (scatter-add), and the adjoint identity <unfold(x), y> = <x, fold(y)>
        auto y = rnd<T>(cols.size());
        std::vector<T> f((size_t)N * C * H * W);
        emu_launch(linear_grid((long long)f.size()), {256}, false, [&] { if constexpr (sizeof(T) == 4) fold_f32(y.data(), f.data(), N, g); else fold_f64(y.data(), f.data(), N, g); });
        std::vector<double> want(f.size(), 0.0);
        for (int b = 0; b < N; b++) for (int c = 0; c < C; c++) for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++)
            for (int oh = 0; oh < oH; oh++) for (int ow = 0; ow < oW; ow++) {
                int ih = oh * sh - pt + i * dh, iw = ow * sw - pl + j * dw;
                if (ih >= 0 && ih < H && iw >= 0 && iw < W)
                    want[((size_t)(b * C + c) * H + ih) * W + iw] += y[((size_t)b * rows + (c * kh + i) * kw + j) * L + oh * oW + ow];
            }
        expect(relerr(f, want) <= tol<T>() * 10, "fold " + std::string(tname<T>()) + " trial " + std::to_string(trial));
    }
    expect(tested >= 100, "enough valid window geometries");
}

template <typename T> static void test_matmul() {
    struct Case { int batch, m, n, k; bool ta, tb; int mode; bool big; };  // mode 0: 2Dx2D, 1: 3Dx3D, 2: 2Dx3D, 3: 3Dx2D
    std::vector<Case> cases;
    for (int t = 0; t < 4; t++) {
        cases.push_back({1, 70, 50, 33, bool(t & 1), bool(t & 2), 0, false});
        cases.push_back({3, 65, 130, 9, bool(t & 1), bool(t & 2), 1, false});
        cases.push_back({2, 20, 70, 12, bool(t & 1), bool(t & 2), 2, false});
        cases.push_back({2, 130, 20, 17, bool(t & 1), bool(t & 2), 3, false});
        cases.push_back({1, 200, 150, 21, bool(t & 1), bool(t & 2), 0, true});
        cases.push_back({2, 129, 257, 8, bool(t & 1), bool(t & 2), 1, true});
    }
    cases.push_back({1, 1, 1, 1, false, false, 0, false});
    cases.push_back({1, 5, 3, 1, true, true, 0, true});
    // multiples of 4 in every direction: the pipelined kernel's 128-bit global loads (big2)
    for (int t = 0; t < 4; t++) {
        cases.push_back({1, 256, 132, 64, bool(t & 1), bool(t & 2), 0, true});
        cases.push_back({2, 136, 260, 20, bool(t & 1), bool(t & 2), 1, true});
        cases.push_back({3, 132, 128, 4, bool(t & 1), bool(t & 2), 2, true});
        cases.push_back({2, 128, 136, 44, bool(t & 1), bool(t & 2), 3, true});
    }
    for (auto& c : cases) {
        bool aB = c.mode == 1 || c.mode == 3, bB = c.mode == 1 || c.mode == 2;
        int nb = c.mode == 0 ? 1 : c.batch;
        int aRows = c.ta ? c.k : c.m, aCols = c.ta ? c.m : c.k, bRows = c.tb ? c.n : c.k, bCols = c.tb ? c.k : c.n;
        auto A = rnd<T>((size_t)(aB ? nb : 1) * aRows * aCols), B = rnd<T>((size_t)(bB ? nb : 1) * bRows * bCols);
        // MatmulArgs as MatmulPlan.of builds them
        MatmulArgs p{c.m, c.n, c.k, c.ta ? 1 : aCols, c.ta ? aCols : 1, aB ? aRows * aCols : 0,
                     c.tb ? 1 : bCols, c.tb ? bCols : 1, bB ? bRows * bCols : 0, c.n, c.m * c.n};
        std::vector<T> C((size_t)nb * c.m * c.n, (T)-7);
        int tile = c.big ? 128 : 64;
        dim3 grid{(unsigned)((c.n + tile - 1) / tile), (unsigned)((c.m + tile - 1) / tile), (unsigned)nb};
        emu_launch(grid, {256}, true, [&] {
            if constexpr (sizeof(T) == 4) { if (c.big) matmul_big_f32(A.data(), B.data(), C.data(), p); else matmul_small_f32(A.data(), B.data(), C.data(), p); }
            else { if (c.big) matmul_big_f64(A.data(), B.data(), C.data(), p); else matmul_small_f64(A.data(), B.data(), C.data(), p); }
        });
        std::vector<T> C2;  // the pipelined float32 kernel on the same big tiles must give bit-identical results
        if (sizeof(T) == 4 && c.big) {
            C2.assign(C.size(), (T)-7);
            emu_launch(grid, {256}, true, [&] {
                if constexpr (sizeof(T) == 4) matmul_big2_f32(A.data(), B.data(), C2.data(), p);
            });
        }
        std::vector<double> want(C.size(), 0.0);
        for (int b = 0; b < nb; b++) for (int i = 0; i < c.m; i++) for (int j = 0; j < c.n; j++) {
            double s = 0;
            for (int kk = 0; kk < c.k; kk++) {
                size_t ab = aB ? (size_t)b * aRows * aCols : 0, bb = bB ? (size_t)b * bRows * bCols : 0;
                double av = c.ta ? A[ab + (size_t)kk * aCols + i] : A[ab + (size_t)i * aCols + kk];
                double bv = c.tb ? B[bb + (size_t)j * bCols + kk] : B[bb + (size_t)kk * bCols + j];
                s += av * bv;
            }
            want[((size_t)b * c.m + i) * c.n + j] = s;
        }
        char what[160];
        snprintf(what, sizeof what, "matmul %s %s b=%d m=%d n=%d k=%d ta=%d tb=%d mode=%d err=%.3g", tname<T>(), c.big ? "big" : "small",
                 nb, c.m, c.n, c.k, c.ta, c.tb, c.mode, relerr(C, want));
        expect(relerr(C, want) <= tol<T>(), what);
        if (!C2.empty()) expect(C2 == C, std::string("big2 bit-identical to big: ") + what);
    }
}

int main() {
    test_elementwise<float>(); test_elementwise<double>();
    test_layout<float>(); test_layout<double>();
    test_reduce<float>(); test_reduce<double>();
    test_window<float>(); test_window<double>();
    test_matmul<float>(); test_matmul<double>();
    printf("kernel emulation: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
