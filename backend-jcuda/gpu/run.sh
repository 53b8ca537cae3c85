#!/usr/bin/env bash
# Packs everything a GPU machine needs to test and benchmark the jcuda backend into <repo>/gpu-bundle/
# (git-ignored; with the repository under the 64 MiB a device call carries): a jlink'ed JDK 17 runtime, the project's main and test classes, the test classpath
# (JCuda with only the driver native, JUnit console launcher, QuickTheories, the conformance kit and its
# golden vectors), the kernel sources (some tests hash them), the PyTorch comparison script, and
# run-on-gpu.sh. The GPU machine needs no Java and no Maven; it needs a CUDA driver (R580+) and, for the
# PyTorch comparison, python3 with torch.
#
#   backend-jcuda/gpu/run.sh              # build the bundle (runs Maven here, tests skipped)
#   then, on the GPU machine, from the repo root:  bash gpu-bundle/run-on-gpu.sh   (results under $OUT)
#
# If examples/target/cnn4j.jar exists (build it with ./cnn4j backends), the CLI is bundled too, without the
# nd4j backend's jars, so run-on-gpu.sh can also run `cnn4j verify --backends reference,jcuda`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
B="$ROOT/gpu-bundle"
JUNIT_CONSOLE_VERSION=1.10.3   # JUnit Platform matching junit-jupiter 5.10.3 of the parent pom
# A device call carries the repository's working tree and the bundle together: at most 64 MiB for both.
REPO_BYTES=$(cd "$ROOT" && git ls-files -z | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
LIMIT=$((64 * 1024 * 1024 - REPO_BYTES - 1024 * 1024))

cd "$ROOT"
echo "run.sh: building backend-jcuda and its reactor dependencies (tests compiled, not run) ..."
rm -rf "$B"
mkdir -p "$B/lib" "$B/cli/lib"
# One reactor run: package every module backend-jcuda needs and copy each one's test classpath into lib/
# (reactor siblings come from this build, not ~/.m2). JUnit itself comes from the console launcher jar.
mvn -B -q ${CNN4J_MVN_OPTS:-} -pl backend-jcuda -am -DskipTests -Dmaven.source.skip -Dmaven.javadoc.skip package dependency:copy-dependencies \
    -DincludeScope=test -DoutputDirectory="$B/lib" \
    -DexcludeArtifactIds=junit-jupiter,junit-jupiter-api,junit-jupiter-engine,junit-jupiter-params,junit-platform-commons,junit-platform-engine,junit-platform-launcher,opentest4j,apiguardian-api
mvn -B -q ${CNN4J_MVN_OPTS:-} -N dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:$JUNIT_CONSOLE_VERSION -DoutputDirectory="$B"
mv "$B/junit-platform-console-standalone-$JUNIT_CONSOLE_VERSION.jar" "$B/junit-console.jar"

# The reactor modules as jars from this build (copy-dependencies resolved them from ~/.m2 or the reactor).
for m in core backend-cpu-reference backend-tck backend-jcuda; do
  rm -f "$B/lib/cnn4j-$m-"*.jar
  cp "$m/target/cnn4j-$m-0.1.0-SNAPSHOT.jar" "$B/lib/"
done
cp -r backend-jcuda/target/test-classes "$B/test-classes"

# JCuda natives: keep only libJCudaDriver (the driver API is all we load); drops ~24 MB of NVRTC/PTX-compiler libs.
nat=$(ls "$B/lib/"jcuda-natives-*-linux-x86_64.jar)
tmp=$(mktemp -d)
(cd "$tmp" && jar xf "$nat" && rm -f lib/libJNvPTXCompiler* lib/libJNvrtc* lib/libJCudaRuntime* && jar cfM "$nat.new" .)
mv "$nat.new" "$nat"
rm -rf "$tmp"

# Some host tests read the kernel sources (manifest hashes, op codes): keep them at the same relative path.
mkdir -p "$B/src/main"
cp -r backend-jcuda/src/main/cuda "$B/src/main/cuda"
cp backend-jcuda/gpu/run-on-gpu.sh backend-jcuda/gpu/torch_bench.py "$B/"

# Optional CLI (cnn4j verify/bench) without nd4j (its native jars alone exceed the size limit): cli/ holds the
# CLI jar and the jars only the CLI needs; run-on-gpu.sh puts lib/ (the jcuda test classpath: core, reference,
# tck, jcuda with the stripped natives, Guice, Jackson) before them. Left out: everything that only nd4j needs.
if [ -f examples/target/cnn4j.jar ] && [ -d examples/target/lib ]; then
  cp examples/target/cnn4j.jar "$B/cli/"
  # the bundled photos and digits are for the demos, not for verify/bench (~8 MiB)
  python3 - "$B/cli/cnn4j.jar" <<'PY'
import os, sys, zipfile
src = sys.argv[1]; tmp = src + ".tmp"
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        if not item.filename.startswith("data/"):
            zout.writestr(item, zin.read(item.filename))
os.replace(tmp, src)
PY
  nd4j=$(mktemp -d)
  mvn -B -q ${CNN4J_MVN_OPTS:-} -pl backend-nd4j -am -DskipTests -Dmaven.source.skip -Dmaven.javadoc.skip package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$nd4j" >/dev/null
  for j in examples/target/lib/*.jar; do
    name=$(basename "$j")
    case "$name" in cnn4j-*) continue ;; esac                       # the project's jars: lib/ has this build's
    [ -f "$B/lib/$name" ] && continue                               # already in lib/
    [ -f "$nd4j/$name" ] && continue                                # needed by nd4j alone
    case "$name" in                                                 # plots (XChart and its PDF/SVG stack): demos only
      xchart-*|VectorGraphics2D-*|graphics2d-*|pdfbox-*|fontbox-*|animated-gif-lib-*|commons-logging-*) continue ;;
    esac
    cp "$j" "$B/cli/lib/"
  done
  rm -rf "$nd4j"
else
  echo "run.sh: examples/target/cnn4j.jar not found: the bundle will skip 'cnn4j verify' (build it with ./cnn4j backends first)"
fi

# jlink runtime: what the tests and CLI use (logging for Guice, management for the JUnit launcher,
# unsupported for JCuda/Guava, xml for JUnit's XML reports, zipfs).
JMODS="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")/jmods"
jlink --module-path "$JMODS" \
  --add-modules java.base,java.logging,java.management,jdk.unsupported,java.xml,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$B/jre"
# Debian's libjvm.so keeps its symbol table (~3.5 MB); the dynamic symbols the JVM needs survive --strip-unneeded.
if command -v strip >/dev/null; then find "$B/jre" -name '*.so' -exec strip --strip-unneeded {} +; fi

size=$(du -sb "$B" | cut -f1)
echo "run.sh: gpu-bundle is $((size / 1024 / 1024)) MiB ($size bytes); with the repository's $((REPO_BYTES / 1024 / 1024)) MiB the limit for it is $((LIMIT / 1024 / 1024)) MiB"
if [ "$size" -ge "$LIMIT" ] && [ -d "$B/cli" ]; then
  echo "run.sh: over the limit, dropping the CLI"
  rm -rf "$B/cli"
  size=$(du -sb "$B" | cut -f1)
fi
[ "$size" -lt "$LIMIT" ] || { echo "run.sh: gpu-bundle and repository together are over 64 MiB" >&2; exit 1; }
"$B/jre/bin/java" -version 2>&1 | head -1
echo "run.sh: ready. Device call: carry [\"gpu-bundle\"], command: bash gpu-bundle/run-on-gpu.sh"
