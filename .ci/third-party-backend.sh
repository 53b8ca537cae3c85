#!/usr/bin/env bash
# A backend as an outside user writes one: examples/third-party-backend is its own Maven project that imports the
# cnn4j BOM, runs the conformance kit on its backend, and is then plugged into the CLI through CNN4J_CLASSPATH:
#   1. deploy the library artifacts (parent, BOM, core, reference backend, kit) to a file repository under target/;
#   2. build the outside project against that repository (never against the reactor), kit included;
#   3. ./cnn4j backends and ./cnn4j verify --backends reference,delegating with its jar in CNN4J_CLASSPATH.
# Steps 1 and 2 use their own local repository under target/, fed from the file repository and from ~/.m2 (read as
# a remote repository), so nothing of this build lands in ~/.m2 (deploying also caches what it deploys locally).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="$ROOT/target/third-party-backend"
rm -rf "$WORK"
mkdir -p "$WORK"
M2="${MAVEN_USER_HOME:-$HOME/.m2}/repository"

cat > "$WORK/settings.xml" <<XML
<settings>
  <profiles><profile><id>ci</id>
    <repositories>
      <repository><id>cnn4j-ci</id><url>file://$WORK/repo</url><snapshots><enabled>true</enabled></snapshots></repository>
      <repository><id>user-m2</id><url>file://$M2</url></repository>
    </repositories>
    <pluginRepositories>
      <pluginRepository><id>user-m2</id><url>file://$M2</url></pluginRepository>
    </pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>ci</activeProfile></activeProfiles>
</settings>
XML

echo "third-party backend: deploying cnn4j-bom, -core, -backend-cpu-reference, -backend-tck to $WORK/repo ..."
# (not offline here, whatever CNN4J_MVN_OPTS says: Maven's offline mode refuses file repositories too)
mvn -B -q -s "$WORK/settings.xml" -Dmaven.repo.local="$WORK/local-repo" deploy -DskipTests -Dmaven.source.skip \
    -Dmaven.javadoc.skip -pl bom,core,backend-cpu-reference,backend-tck -am -DaltDeploymentRepository="cnn4j-ci::file://$WORK/repo"

echo "third-party backend: building examples/third-party-backend as an outside project (conformance kit included) ..."
cp -r examples/third-party-backend "$WORK/project"
(cd "$WORK/project" && mvn -B -s "$WORK/settings.xml" -Dmaven.repo.local="$WORK/local-repo" verify) > "$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log"; echo "third-party backend: the outside build failed" >&2; exit 1; }
grep -E 'Tests run: [0-9]+, Failures: 0, Errors: 0' "$WORK/build.log" | tail -1
ran=$(grep -E '^\[INFO\] Tests run: [0-9]+, Failures' "$WORK/build.log" | tail -1 | sed -E 's/.*Tests run: ([0-9]+),.*/\1/')
[ "${ran:-0}" -ge 200 ] || { echo "third-party backend: expected the whole kit (>= 200 tests), ran ${ran:-0}" >&2; exit 1; }
JAR="$WORK/project/target/cnn4j-delegating-backend-1.0.0.jar"

echo "third-party backend: ./cnn4j with CNN4J_CLASSPATH=$JAR ..."
CNN4J_CLASSPATH="$JAR" ./cnn4j backends | tee "$WORK/backends.txt"
grep -q '^  delegating ' "$WORK/backends.txt" || { echo "third-party backend: 'cnn4j backends' does not list it" >&2; exit 1; }
CNN4J_CLASSPATH="$JAR" ./cnn4j verify --backends reference,delegating --sweep-cases 1 > "$WORK/verify.txt" \
  || { cat "$WORK/verify.txt"; echo "third-party backend: cnn4j verify failed" >&2; exit 1; }
tail -1 "$WORK/verify.txt"
grep -q ' passed, 0 failed$' "$WORK/verify.txt"
echo "third-party backend: OK"
