#!/usr/bin/env bash
# Runs the jcuda backend end to end on a machine WITHOUT a GPU, through the real JCuda native library and
# the real CudaProbe/CudaContext/JCudaBackend, against an emulated CUDA driver: cuda/emulate/fake_libcuda.cpp,
# built here as libcuda.so.1 (g++ >= 11), which runs the kernels of src/main/cuda on the CPU (emu.h) and checks
# contexts, PTX, launch shapes, pointer arguments and copy ranges as the real driver would (see its header).
#
#   backend-jcuda/cuda/emulated-driver.sh            # GPU test classes + `cnn4j verify --backends reference,jcuda`
#   backend-jcuda/cuda/emulated-driver.sh --build    # only build the library; prints its directory
#
# What it proves: every launch's argument list, context handling, pooling and error paths of the Java side
# work through JNI with the CUDA sources' kernels. What it cannot: nvcc's GPU code, inter-block races, speed.
# Exit 0 = passed; 1 = failed; 2 = no suitable compiler (skipped).
set -euo pipefail
MODULE_DIR="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$MODULE_DIR/.." && pwd)"
CXX="${CXX:-g++}"
command -v "$CXX" >/dev/null || { echo "emulated-driver: $CXX not found; skipping"; exit 2; }
command -v nm >/dev/null || { echo "emulated-driver: nm (binutils) not found; skipping"; exit 2; }

LIB_DIR="$MODULE_DIR/target/fake-cuda"
mkdir -p "$LIB_DIR"
JCUDA_VERSION=$(sed -n 's:.*<jcuda.version>\(.*\)</jcuda.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
NATIVES="${HOME}/.m2/repository/org/jcuda/jcuda-natives/$JCUDA_VERSION/jcuda-natives-$JCUDA_VERSION-linux-x86_64.jar"
if [ ! -f "$NATIVES" ]; then
  (cd "$ROOT" && mvn -B -q -N dependency:get -Dartifact="org.jcuda:jcuda-natives:$JCUDA_VERSION:jar:linux-x86_64" >/dev/null)
fi
# Every driver function the JCuda native library imports that the emulation does not implement becomes a stub
# returning CUDA_ERROR_NOT_SUPPORTED (so the library links; cnn4j never calls them).
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && jar xf "$NATIVES")   # jar: the JDK has it, unzip may be absent
implemented=$(grep -o '^CUresult cu[A-Za-z0-9_]*' "$MODULE_DIR/cuda/emulate/fake_libcuda.cpp" | cut -d' ' -f2 | sort -u)
{
  echo '#include <cstdio>'
  echo 'extern "C" {'
  nm -D --undefined-only "$tmp"/lib/libJCudaDriver*.so | awk '{print $2}' | grep '^cu' | sort -u | comm -23 - <(echo "$implemented") |
    while read -r f; do echo "int $f() { fprintf(stderr, \"fake libcuda: $f is not emulated\\n\"); return 801; }"; done
  echo '}'
} > "$tmp/stubs.cpp"
"$CXX" -std=c++20 -O2 -march=native -fPIC -shared -w -Wl,-soname,libcuda.so.1 -o "$LIB_DIR/libcuda.so.1" \
    "$MODULE_DIR/cuda/emulate/fake_libcuda.cpp" "$tmp/stubs.cpp"
echo "emulated-driver: built $LIB_DIR/libcuda.so.1"
[ "${1:-}" = "--build" ] && exit 0

export LD_LIBRARY_PATH="$LIB_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export FAKE_CUDA_MEMORY_MIB="${FAKE_CUDA_MEMORY_MIB:-4096}"
cd "$ROOT"
status=0
echo "emulated-driver: the GPU test classes of backend-jcuda on the emulated driver ..."
# Not DeviceMemoryFlatTest: 10,000 seed-net steps take minutes on a GPU and days emulated (EmulatedMemoryFlatTest
# covers the pool's side of it in the default build).
mvn -B -q ${CNN4J_MVN_OPTS:-} -pl backend-jcuda -am test -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest='JCudaConformanceTest,JCudaDeviceTest,JCudaAvailabilityTest' -DtrimStackTrace=false > "$tmp/tests.log" 2>&1 || status=1
for c in JCudaConformanceTest JCudaDeviceTest JCudaAvailabilityTest; do
  r="$MODULE_DIR/target/surefire-reports/TEST-io.cnn4j.jcuda.$c.xml"
  [ -f "$r" ] || { echo "  $c: no report"; status=1; continue; }
  python3 - "$r" <<'PY' || true
import sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1]).getroot()
print(f"  {t.get('name').split('.')[-1]}: {t.get('tests')} tests, {t.get('failures')} failures, {t.get('errors')} errors, {t.get('skipped')} skipped")
PY
done
[ $status -eq 0 ] || { echo "emulated-driver: tests FAILED (log: below)"; tail -80 "$tmp/tests.log"; }

echo "emulated-driver: ./cnn4j verify --backends reference,jcuda ..."
if ./cnn4j verify --backends reference,jcuda > "$tmp/verify.log" 2>&1; then tail -1 "$tmp/verify.log"; else
  status=1; echo "emulated-driver: verify FAILED"; tail -40 "$tmp/verify.log"; fi
exit $status
