// An emulated CUDA driver: a libcuda.so.1 that runs this module's kernels (src/main/cuda, compiled here by g++)
// on the CPU through emu.h. With it on LD_LIBRARY_PATH, the real JCuda native library, the real CudaProbe /
// CudaContext / JCudaBackend and the conformance kit run end to end on a machine without a GPU:
//   backend-jcuda/cuda/emulated-driver.sh
//
// It checks what the real driver checks and what a GPU would punish, and fails with the CUDA error a GPU gives:
//  - a current context on the calling thread for every context-bound call (CUDA_ERROR_INVALID_CONTEXT);
//  - PTX images: .version <= 9.0 (R580 driver), .target <= the device; kernels looked up only in the module whose
//    PTX declares their .entry, and the .entry's parameter sizes equal the CPU kernel's (CUDA_ERROR_NOT_FOUND);
//  - launch shapes: block <= 1024 threads and <= the kernel's __launch_bounds__, grid y/z <= 65535;
//  - every pointer argument of a launch lies inside a live allocation (CUDA_ERROR_ILLEGAL_ADDRESS), and every
//    copy/memset range lies inside one (CUDA_ERROR_INVALID_VALUE);
//  - allocations end flush against a PROT_NONE guard page (a kernel writing past the end crashes the process),
//    start filled with 0xFF bytes (NaN: a kernel relying on zeroed memory is caught), are unmapped on free
//    (use after free crashes), and the emulated memory is finite (FAKE_CUDA_MEMORY_MIB, default 4096).
// What it cannot check: code generation of nvcc for the GPU, races between blocks, performance.
// FAKE_CUDA_NO_COMPUTE=1 validates every launch but runs no kernel (results are garbage): the time left is the
// host-side cost of the Java backend and the JCuda binding per launch, a lower bound for a GPU step.
// Launches run synchronously, one at a time (a global lock), blocks in order, threads as in emu.h.
#include "emu.h"

#include "../../src/main/cuda/elementwise.cu"
#include "../../src/main/cuda/layout.cu"
#include "../../src/main/cuda/reduce.cu"
#include "../../src/main/cuda/window.cu"
#include "../../src/main/cuda/matmul.cu"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <type_traits>
#include <utility>

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
struct FakeContext { int device; };
struct FakeModule { std::map<std::string, std::vector<size_t>> entries; };  // .entry name -> parameter sizes
struct FakeFunction;
typedef FakeContext* CUcontext;
typedef FakeModule* CUmodule;
typedef FakeFunction* CUfunction;

enum : int {
    CUDA_SUCCESS = 0, CUDA_ERROR_INVALID_VALUE = 1, CUDA_ERROR_OUT_OF_MEMORY = 2, CUDA_ERROR_NOT_INITIALIZED = 3,
    CUDA_ERROR_INVALID_DEVICE = 101, CUDA_ERROR_INVALID_IMAGE = 200, CUDA_ERROR_INVALID_CONTEXT = 201,
    CUDA_ERROR_NO_BINARY_FOR_GPU = 209, CUDA_ERROR_INVALID_PTX = 218, CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222,
    CUDA_ERROR_INVALID_HANDLE = 400, CUDA_ERROR_NOT_FOUND = 500, CUDA_ERROR_ILLEGAL_ADDRESS = 700,
    CUDA_ERROR_NOT_SUPPORTED = 801, CUDA_ERROR_UNKNOWN = 999,
};

namespace {

constexpr int DEVICE_MAJOR = 9, DEVICE_MINOR = 0, DEVICE_SMS = 132, DRIVER_VERSION = 13000;
constexpr const char* DEVICE_NAME = "cnn4j emulated CUDA device (CPU, fake libcuda)";

std::mutex driverLock;  // one driver call at a time: emu.h's globals are not thread-safe
bool initialised = false;
FakeContext primary{0};
thread_local CUcontext current = nullptr;

// ---- memory: one mapping per allocation, ending flush against a guard page
struct Allocation { char* mapping; size_t mappingBytes; size_t bytes; };
std::map<CUdeviceptr, Allocation> live;  // by start address
size_t liveBytes = 0;
unsigned long long launches = 0, memsets = 0, copies = 0;
std::map<std::string, unsigned long long> launchesByKernel;

// FAKE_CUDA_LAUNCH_REPORT=1: kernel launches (in all and per kernel), memsets and copies, printed at exit.
struct LaunchReport {
    ~LaunchReport() {
        const char* on = getenv("FAKE_CUDA_LAUNCH_REPORT");
        if (!on || strcmp(on, "1") != 0) return;
        fprintf(stderr, "fake libcuda: %llu kernel launches, %llu memsets, %llu copies\n", launches, memsets, copies);
        for (auto& [name, n] : launchesByKernel) fprintf(stderr, "fake libcuda:   %-20s %llu\n", name.c_str(), n);
    }
} launchReport;

size_t capacity() {
    const char* mib = getenv("FAKE_CUDA_MEMORY_MIB");
    return (mib ? strtoull(mib, nullptr, 10) : 4096ULL) << 20;
}

// The allocation containing [p, p + bytes), or null.
const Allocation* containing(CUdeviceptr p, size_t bytes) {
    auto it = live.upper_bound(p);
    if (it == live.begin()) return nullptr;
    --it;
    CUdeviceptr start = it->first;
    return (p >= start && p + bytes <= start + it->second.bytes) ? &it->second : nullptr;
}

// ---- kernels: the extern "C" functions of src/main/cuda, called with the launch's parameter array
struct Kernel {
    std::vector<size_t> paramSizes;
    std::vector<bool> pointerParams;
    bool barriers;          // uses __syncthreads: run threads as fibers
    unsigned maxThreads;    // __launch_bounds__
    void (*invoke)(void* fn, void** params);
    void* fn;
};

template <class... A, size_t... I>
void invokeWith(void* fn, void** params, std::index_sequence<I...>) {
    reinterpret_cast<void (*)(A...)>(fn)(*static_cast<std::remove_cv_t<A>*>(params[I])...);
}

template <class... A>
Kernel kernel(void (*fn)(A...), bool barriers = false, unsigned maxThreads = 1024) {
    Kernel k{{sizeof(A)...}, {std::is_pointer_v<A>...}, barriers, maxThreads, nullptr, reinterpret_cast<void*>(fn)};
    k.invoke = [](void* f, void** params) { invokeWith<A...>(f, params, std::index_sequence_for<A...>{}); };
    return k;
}

const std::map<std::string, Kernel>& kernels() {
    static const std::map<std::string, Kernel> all = {
        {"unary_f32", kernel(unary_f32)}, {"unary_f64", kernel(unary_f64)},
        {"binary_same_f32", kernel(binary_same_f32)}, {"binary_same_f64", kernel(binary_same_f64)},
        {"binary_bcast_f32", kernel(binary_bcast_f32)}, {"binary_bcast_f64", kernel(binary_bcast_f64)},
        {"binary_scalar_f32", kernel(binary_scalar_f32)}, {"binary_scalar_f64", kernel(binary_scalar_f64)},
        {"axpy_f32", kernel(axpy_f32)}, {"axpy_f64", kernel(axpy_f64)},
        {"fill_f32", kernel(fill_f32)}, {"fill_f64", kernel(fill_f64)},
        {"cast_f32_to_f64", kernel(cast_f32_to_f64)}, {"cast_f64_to_f32", kernel(cast_f64_to_f32)},
        {"strided_copy_f32", kernel(strided_copy_f32)}, {"strided_copy_f64", kernel(strided_copy_f64)},
        {"sum_mid_f32", kernel(sum_mid_f32)}, {"sum_mid_f64", kernel(sum_mid_f64)},
        {"sum_rows_block_f32", kernel(sum_rows_block_f32, true)}, {"sum_rows_block_f64", kernel(sum_rows_block_f64, true)},
        {"max_axis_f32", kernel(max_axis_f32)}, {"max_axis_f64", kernel(max_axis_f64)},
        {"scatter_axis_f32", kernel(scatter_axis_f32)}, {"scatter_axis_f64", kernel(scatter_axis_f64)},
        {"unfold_f32", kernel(unfold_f32)}, {"unfold_f64", kernel(unfold_f64)},
        {"fold_f32", kernel(fold_f32)}, {"fold_f64", kernel(fold_f64)},
        {"matmul_big_f32", kernel(matmul_big_f32, true, 256)}, {"matmul_big1_f32", kernel(matmul_big1_f32, true, 256)},
        {"matmul_big2_f32", kernel(matmul_big2_f32, true, 256)},
        {"matmul_big_f64", kernel(matmul_big_f64, true, 256)},
        {"matmul_small_f32", kernel(matmul_small_f32, true, 256)}, {"matmul_small_f64", kernel(matmul_small_f64, true, 256)},
    };
    return all;
}

}  // namespace

struct FakeFunction { std::string name; const Kernel* kernel; };

namespace {

// PTX parameter size: .u64/.u32/.f64/... or .align N .b8 name[bytes]
size_t ptxParamSize(const std::string& decl) {
    static const std::regex array(R"(\.b8\s+\S+\[(\d+)\])"), scalar(R"(\.param\s+\.[a-z](\d+)\s)");
    std::smatch m;
    if (std::regex_search(decl, m, array)) return std::stoul(m[1]);
    if (std::regex_search(decl, m, scalar)) return std::stoul(m[1]) / 8;
    return 0;
}

CUresult parseModule(const char* ptx, FakeModule& module) {
    std::string text(ptx);
    static const std::regex version(R"(\.version\s+(\d+)\.(\d+))"), target(R"(\.target\s+sm_(\d+))");
    std::smatch m;
    if (!std::regex_search(text, m, version)) return CUDA_ERROR_INVALID_IMAGE;
    if (std::stoi(m[1]) * 10 + std::stoi(m[2]) > 90) return CUDA_ERROR_UNSUPPORTED_PTX_VERSION;
    if (!std::regex_search(text, m, target)) return CUDA_ERROR_INVALID_PTX;
    if (std::stoi(m[1]) > DEVICE_MAJOR * 10 + DEVICE_MINOR) return CUDA_ERROR_NO_BINARY_FOR_GPU;
    static const std::regex entry(R"(\.entry\s+(\w+)\s*\(([^)]*)\))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), entry); it != std::sregex_iterator(); ++it) {
        std::vector<size_t> sizes;
        std::string params = (*it)[2];
        size_t start = 0;
        while (start < params.size()) {
            size_t end = params.find(',', start);
            if (end == std::string::npos) end = params.size();
            std::string decl = params.substr(start, end - start) + " ";
            if (decl.find(".param") != std::string::npos) sizes.push_back(ptxParamSize(decl));
            start = end + 1;
        }
        module.entries[(*it)[1]] = sizes;
    }
    return module.entries.empty() ? CUDA_ERROR_INVALID_PTX : CUDA_SUCCESS;
}

const char* errorString(CUresult r) {
    switch (r) {
        case CUDA_SUCCESS: return "no error";
        case CUDA_ERROR_INVALID_VALUE: return "invalid argument";
        case CUDA_ERROR_OUT_OF_MEMORY: return "out of memory";
        case CUDA_ERROR_NOT_INITIALIZED: return "initialization error";
        case CUDA_ERROR_INVALID_DEVICE: return "invalid device ordinal";
        case CUDA_ERROR_INVALID_IMAGE: return "device kernel image is invalid";
        case CUDA_ERROR_INVALID_CONTEXT: return "invalid device context";
        case CUDA_ERROR_NO_BINARY_FOR_GPU: return "no kernel image is available for execution on the device";
        case CUDA_ERROR_INVALID_PTX: return "a PTX JIT compilation failed";
        case CUDA_ERROR_UNSUPPORTED_PTX_VERSION: return "the provided PTX was compiled with an unsupported toolchain.";
        case CUDA_ERROR_INVALID_HANDLE: return "invalid resource handle";
        case CUDA_ERROR_NOT_FOUND: return "named symbol not found";
        case CUDA_ERROR_ILLEGAL_ADDRESS: return "an illegal memory access was encountered";
        case CUDA_ERROR_NOT_SUPPORTED: return "operation not supported";
        default: return "unknown error";
    }
}

CUresult fail(CUresult r, const char* call, const std::string& why) {
    fprintf(stderr, "fake libcuda: %s -> %s: %s\n", call, errorString(r), why.c_str());
    return r;
}

#define REQUIRE_CONTEXT(call) \
    if (!initialised) return fail(CUDA_ERROR_NOT_INITIALIZED, call, "cuInit was not called"); \
    if (current == nullptr) return fail(CUDA_ERROR_INVALID_CONTEXT, call, "no current context on this thread")

}  // namespace

extern "C" {

CUresult cuInit(unsigned flags) {
    std::lock_guard<std::mutex> g(driverLock);
    if (flags != 0) return CUDA_ERROR_INVALID_VALUE;
    initialised = true;
    return CUDA_SUCCESS;
}

CUresult cuDriverGetVersion(int* v) { *v = DRIVER_VERSION; return CUDA_SUCCESS; }
CUresult cuDeviceGetCount(int* n) { if (!initialised) return CUDA_ERROR_NOT_INITIALIZED; *n = 1; return CUDA_SUCCESS; }

CUresult cuDeviceGet(CUdevice* d, int ordinal) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE;
    *d = 0;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char* name, int len, CUdevice d) {
    if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
    snprintf(name, (size_t)len, "%s", DEVICE_NAME);
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int* v, int attribute, CUdevice d) {
    if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
    switch (attribute) {
        case 16: *v = DEVICE_SMS; return CUDA_SUCCESS;      // MULTIPROCESSOR_COUNT
        case 75: *v = DEVICE_MAJOR; return CUDA_SUCCESS;    // COMPUTE_CAPABILITY_MAJOR
        case 76: *v = DEVICE_MINOR; return CUDA_SUCCESS;    // COMPUTE_CAPABILITY_MINOR
        case 1: *v = 1024; return CUDA_SUCCESS;             // MAX_THREADS_PER_BLOCK
        default: return fail(CUDA_ERROR_NOT_SUPPORTED, "cuDeviceGetAttribute", "attribute " + std::to_string(attribute) + " is not emulated");
    }
}

CUresult cuDevicePrimaryCtxRetain(CUcontext* c, CUdevice d) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
    *c = &primary;
    return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(CUcontext c) {
    if (c != nullptr && c != &primary) return CUDA_ERROR_INVALID_CONTEXT;
    current = c;
    return CUDA_SUCCESS;
}

CUresult cuCtxSynchronize() { REQUIRE_CONTEXT("cuCtxSynchronize"); return CUDA_SUCCESS; }

CUresult cuMemGetInfo_v2(size_t* free, size_t* total) {
    REQUIRE_CONTEXT("cuMemGetInfo");
    std::lock_guard<std::mutex> g(driverLock);
    *total = capacity();
    *free = capacity() - liveBytes;
    return CUDA_SUCCESS;
}

CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t bytes) {
    REQUIRE_CONTEXT("cuMemAlloc");
    if (bytes == 0) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemAlloc", "0 bytes");
    std::lock_guard<std::mutex> g(driverLock);
    if (liveBytes + bytes > capacity()) return CUDA_ERROR_OUT_OF_MEMORY;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t rounded = (bytes + 255) / 256 * 256;              // cuMemAlloc's 256-byte alignment
    size_t dataPages = (rounded + page - 1) / page * page;
    // A guard page splits the allocation into two kernel memory maps, and a process may hold only
    // vm.max_map_count of them (65,530 by default) — the JVM's own thread stacks included. Only the first
    // GUARDED_ALLOCATIONS live allocations get one; later ones are plain (and may merge with their neighbours).
    constexpr size_t GUARDED_ALLOCATIONS = 8192;
    bool guard = live.size() < GUARDED_ALLOCATIONS;
    size_t mappingBytes = dataPages + (guard ? page : 0);
    void* m = mmap(nullptr, mappingBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return CUDA_ERROR_OUT_OF_MEMORY;
    char* mapping = static_cast<char*>(m);
    if (guard) mprotect(mapping + dataPages, page, PROT_NONE);   // guard page right after the data
    char* data = mapping + dataPages - rounded;
    memset(data, 0xFF, rounded);                             // NaN in f32 and f64: "uninitialised"
    *p = reinterpret_cast<CUdeviceptr>(data);
    live[*p] = Allocation{mapping, mappingBytes, bytes};
    liveBytes += bytes;
    return CUDA_SUCCESS;
}

CUresult cuMemFree_v2(CUdeviceptr p) {
    REQUIRE_CONTEXT("cuMemFree");
    std::lock_guard<std::mutex> g(driverLock);
    auto it = live.find(p);
    if (it == live.end()) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemFree", "not the start of a live allocation");
    munmap(it->second.mapping, it->second.mappingBytes);
    liveBytes -= it->second.bytes;
    live.erase(it);
    return CUDA_SUCCESS;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t bytes) {
    REQUIRE_CONTEXT("cuMemcpyHtoD");
    std::lock_guard<std::mutex> g(driverLock);
    if (!containing(dst, bytes)) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemcpyHtoD", "destination range outside every allocation");
    copies++;
    memcpy(reinterpret_cast<void*>(dst), src, bytes);
    return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t bytes) {
    REQUIRE_CONTEXT("cuMemcpyDtoH");
    std::lock_guard<std::mutex> g(driverLock);
    if (!containing(src, bytes)) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemcpyDtoH", "source range outside every allocation");
    copies++;
    memcpy(dst, reinterpret_cast<void*>(src), bytes);
    return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes) {
    REQUIRE_CONTEXT("cuMemcpyDtoD");
    std::lock_guard<std::mutex> g(driverLock);
    if (!containing(dst, bytes) || !containing(src, bytes))
        return fail(CUDA_ERROR_INVALID_VALUE, "cuMemcpyDtoD", "range outside every allocation");
    copies++;
    memmove(reinterpret_cast<void*>(dst), reinterpret_cast<void*>(src), bytes);
    return CUDA_SUCCESS;
}

CUresult cuMemsetD8_v2(CUdeviceptr dst, unsigned char value, size_t bytes) {
    REQUIRE_CONTEXT("cuMemsetD8");
    std::lock_guard<std::mutex> g(driverLock);
    if (!containing(dst, bytes)) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemsetD8", "range outside every allocation");
    memsets++;
    memset(reinterpret_cast<void*>(dst), value, bytes);
    return CUDA_SUCCESS;
}

CUresult cuModuleLoadData(CUmodule* module, const void* image) {
    REQUIRE_CONTEXT("cuModuleLoadData");
    auto* m = new FakeModule();
    CUresult r = parseModule(static_cast<const char*>(image), *m);
    if (r != CUDA_SUCCESS) { delete m; return fail(r, "cuModuleLoadData", "PTX rejected"); }
    for (auto& [name, sizes] : m->entries)
        if (!kernels().count(name)) fprintf(stderr, "fake libcuda: warning: PTX kernel %s has no CPU implementation here\n", name.c_str());
    *module = m;
    return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(CUfunction* f, CUmodule module, const char* name) {
    REQUIRE_CONTEXT("cuModuleGetFunction");
    if (module == nullptr) return CUDA_ERROR_INVALID_HANDLE;
    auto entry = module->entries.find(name);
    if (entry == module->entries.end()) return CUDA_ERROR_NOT_FOUND;  // the caller searches every module
    auto k = kernels().find(name);
    if (k == kernels().end()) return fail(CUDA_ERROR_NOT_FOUND, "cuModuleGetFunction", std::string(name) + " has no CPU implementation");
    if (entry->second != k->second.paramSizes)
        return fail(CUDA_ERROR_INVALID_PTX, "cuModuleGetFunction", std::string(name) + ": PTX parameter sizes differ from the CUDA source's");
    *f = new FakeFunction{name, &k->second};
    return CUDA_SUCCESS;
}

CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned sharedBytes, void* stream, void** params, void** extra) {
    REQUIRE_CONTEXT("cuLaunchKernel");
    if (f == nullptr) return CUDA_ERROR_INVALID_HANDLE;
    const Kernel& k = *f->kernel;
    unsigned long long threads = (unsigned long long)bx * by * bz;
    if (gx == 0 || gy == 0 || gz == 0 || bx == 0 || by == 0 || bz == 0 || gy > 65535 || gz > 65535 || gx > 0x7fffffffU
        || bx > 1024 || by > 1024 || bz > 64 || threads > 1024)
        return fail(CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel", f->name + ": launch shape outside the device's limits");
    if (threads > k.maxThreads)
        return fail(CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel", f->name + ": block larger than its __launch_bounds__");
    if (sharedBytes != 0 || stream != nullptr || extra != nullptr || params == nullptr)
        return fail(CUDA_ERROR_NOT_SUPPORTED, "cuLaunchKernel", "dynamic shared memory, streams and 'extra' are not used by cnn4j");
    std::lock_guard<std::mutex> g(driverLock);
    for (size_t i = 0; i < k.paramSizes.size(); i++) {
        if (!k.pointerParams[i]) continue;
        CUdeviceptr p = *static_cast<CUdeviceptr*>(params[i]);
        if (!containing(p, 1))
            return fail(CUDA_ERROR_ILLEGAL_ADDRESS, "cuLaunchKernel", f->name + ": pointer parameter " + std::to_string(i)
                        + " is not inside a live allocation");
    }
    launches++;
    launchesByKernel[f->name]++;
    static const bool noCompute = getenv("FAKE_CUDA_NO_COMPUTE") != nullptr && strcmp(getenv("FAKE_CUDA_NO_COMPUTE"), "1") == 0;
    if (!noCompute) emu_launch(dim3{gx, gy, gz}, dim3{bx, by, bz}, k.barriers, [&] { k.invoke(k.fn, params); });
    return CUDA_SUCCESS;
}

CUresult cuGetErrorString(CUresult r, const char** s) { *s = errorString(r); return CUDA_SUCCESS; }

}  // extern "C"
