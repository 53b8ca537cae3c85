#!/usr/bin/env python3
"""Where a training step spends its time, from a JFR recording of `cnn4j bench`.

Usage:
  CNN4J_JAVA_OPTS="-XX:StartFlightRecording=filename=step.jfr,settings=profile" \
      ./cnn4j bench --model unet --backend nd4j --steps 40
  jfr print --events jdk.NativeMethodSample,jdk.ExecutionSample --stack-depth 40 step.jfr > step.txt
  python3 benchmarks/jfr_breakdown.py step.txt [rows]

Counts the samples of the thread named "main" taken inside a training step (a stack containing
BenchCommand.trainStep), attributes each to the first io.cnn4j backend frame (the operation) and the first layer,
loss or optimizer frame above it (who called it), and prints the shares, largest first. Java and native samples
are counted alike: time in libnd4j, oneDNN or OpenBLAS shows up under the Java method that called into it.
"""
import collections
import re
import sys


def main(path, rows):
    text = open(path, encoding="utf-8").read()
    events = re.split(r"\njdk\.(?:NativeMethodSample|ExecutionSample) \{", text)[1:]
    shares = collections.Counter()
    total = 0
    for event in events:
        if 'sampledThread = "main"' not in event:
            continue
        frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
        if not any("BenchCommand.trainStep" in f for f in frames):
            continue
        total += 1
        ours = [f for f in frames if f.startswith("io.cnn4j.")]
        backend = [f for f in ours if ".backend." in f or ".tensor." in f]
        caller = [f for f in ours if ".nn." in f or ".optim." in f or ".loss." in f or ".models." in f]
        op = short(backend[0]) if backend else (short(ours[0]) if ours else frames[0])
        shares[(op, short(caller[0]) if caller else "")] += 1
    print(f"{total} samples of the main thread inside training steps")
    print("| share | operation | called from |")
    print("|---|---|---|")
    for (op, caller), n in shares.most_common(rows):
        print(f"| {100.0 * n / max(total, 1):.1f} % | `{op}` | `{caller}` |")


def short(frame):
    parts = frame.split(".")
    return ".".join(parts[-2:])


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)
