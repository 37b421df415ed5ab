#!/usr/bin/python3
"""Prints the side-by-side table of bench/run from the JSON that neuronlab_bench and
torch_reference.py wrote, with each issue-14 target and whether this run met it.

usage: table.py NEURONLAB_JSON MEMORY_JSON TORCH_JSON...

Each TORCH_JSON is one torch_reference.py process (one per thread count). A ratio is only
reported against an optimized BLAS: if a PyTorch process loaded the reference BLAS (netlib's
libblas), its workloads show no ratio, the table says why, and the exit status is 1.
"""
import json
import sys

# Targets of issue 14, against PyTorch on OpenBLAS.
W1_RATIO = 10.0           # W1: neuronlab samples/s over PyTorch's
W2_LIMIT_FRACTION = 0.90  # W2: achieved GFLOP/s over the measured 1024³ GEMM rate
W2_RATIO = 1.25
W3_STEP_US = 0.5          # W3: per training step
W4_SPEEDUP = 1.85         # W4 samples/s over W2's (two threads over one)
W4_RATIO = 1.0            # W4: ahead of PyTorch on two threads
MEMORY_FACTOR = 1.3       # W2 peak above baseline over the essential bytes
PLUGINS_MS = 50.0         # `neuronlab plugins` with every built-in plugin


def load(path):
    with open(path) as f:
        return json.load(f)


def verdict(ok):
    return "met" if ok else "NOT MET"


def blas_name(paths):
    """Which BLAS a PyTorch process ran on, from the libraries in its memory map."""
    for path in paths:
        name = path.lower()
        for key, label in (("openblas", "OpenBLAS"), ("blis", "BLIS"), ("mkl", "MKL")):
            if key in name:
                return label
    if any("/blas/libblas.so" in p for p in paths):
        return "reference"  # netlib's libblas: Debian's fallback for libblas.so.3
    return "unknown"


def main(ours_path, memory_path, *torch_paths):
    ours, memory = load(ours_path), load(memory_path)["memory"]
    references = [load(p) for p in torch_paths]
    limit = ours["gemm_1024_gflops"]
    mine = {w["name"]: w for w in ours["workloads"]}
    theirs, refused = {}, []
    for ref in references:
        ref["blas_name"] = blas_name(ref.get("blas_loaded", []))
        for w in ref["workloads"]:
            if ref["blas_name"] in ("reference", "unknown"):
                refused.append(w["name"])
            else:
                theirs[w["name"]] = w

    header = ("workload", "neuronlab step", "samples/s", "PyTorch step", "samples/s", "ratio",
              "GFLOP/s", "of limit", "allocs/step")
    rows = []
    for name, w in mine.items():
        t = theirs.get(name)
        rows.append((f"{name} {w['description']}", f"{w['step_us']:.2f} us",
                     f"{w['samples_per_s']:,.0f}",
                     f"{t['step_us']:.2f} us" if t else "-",
                     f"{t['samples_per_s']:,.0f}" if t else "-",
                     f"{w['samples_per_s'] / t['samples_per_s']:.2f}x" if t else "-",
                     f"{w['gflops']:.1f}", f"{w['gflops'] / limit:.0%}",
                     f"{w['allocations_per_step']:g}"))
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i])
                               for i, c in enumerate(r))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    print()
    print(f"limit: Eigen single-thread float32 GEMM 1024x1024x1024 = {limit:.1f} GFLOP/s "
          f"({ours['isa']}, same flags as the engine)")
    for ref in references:
        names = ",".join(w["name"] for w in ref["workloads"])
        loaded = ", ".join(ref.get("blas_loaded", [])) or "none found"
        print(f"reference {names}: PyTorch {ref['torch']} on {ref['blas_name']} ({loaded}); "
              f"torch threads {ref.get('torch_threads', '?')}, "
              f"OPENBLAS_* {ref['openblas_env'] or 'none'}")
    if refused:
        print(f"no ratio for {', '.join(refused)}: that PyTorch ran on the reference BLAS (or "
              f"one not recognised), which no user of numerical code keeps; install "
              f"libopenblas0-pthread (bench/run does) and check "
              f"'update-alternatives --display libblas.so.3-x86_64-linux-gnu'")
    print(f"one plugin call (identity on a 1x1 batch, through its vtable): "
          f"{ours['plugin_call_ns']:.1f} ns")
    if not ours["threads_available"]:
        print("note: this engine was built without OpenMP, so W4 ran on one thread")
    print()

    checks = []
    ratio = lambda n: mine[n]["samples_per_s"] / theirs[n]["samples_per_s"]
    if "W1" in mine and "W1" in theirs:
        checks.append((f"W1 >= {W1_RATIO:g}x PyTorch samples/s", f"{ratio('W1'):.2f}x",
                       ratio("W1") >= W1_RATIO))
    if "W2" in mine:
        fraction = mine["W2"]["gflops"] / limit
        checks.append((f"W2 >= {W2_LIMIT_FRACTION:.0%} of the GEMM limit",
                       f"{fraction:.0%} ({mine['W2']['gflops']:.1f} of {limit:.1f} GFLOP/s)",
                       fraction >= W2_LIMIT_FRACTION))
        if "W2" in theirs:
            checks.append((f"W2 >= {W2_RATIO:g}x PyTorch samples/s", f"{ratio('W2'):.2f}x",
                           ratio("W2") >= W2_RATIO))
    if "W3" in mine:
        checks.append((f"W3 < {W3_STEP_US:g} us per step", f"{mine['W3']['step_us']:.2f} us",
                       mine["W3"]["step_us"] < W3_STEP_US))
    if "W2" in mine and "W4" in mine:
        speedup = mine["W4"]["samples_per_s"] / mine["W2"]["samples_per_s"]
        checks.append((f"W4 >= {W4_SPEEDUP:g}x W2 (two threads over one)", f"{speedup:.2f}x",
                       speedup >= W4_SPEEDUP))
    if "W4" in mine and "W4" in theirs:
        checks.append((f"W4 ahead of PyTorch on two threads", f"{ratio('W4'):.2f}x",
                       ratio("W4") > W4_RATIO))
    worst = max(w["allocations_per_step"] for w in mine.values())
    checks.append(("no heap allocation per step after the first epoch",
                   f"worst {worst:g} per step", worst == 0))
    used = memory["peak_kb"] - memory["baseline_kb"]
    checks.append((f"W2 peak memory <= {MEMORY_FACTOR:g}x essential + baseline",
                   f"{used / 1024:.1f} MiB over a {memory['baseline_kb'] / 1024:.1f} MiB baseline"
                   f" = {used / memory['essential_kb']:.2f}x the essential "
                   f"{memory['essential_kb'] / 1024:.1f} MiB",
                   used <= MEMORY_FACTOR * memory["essential_kb"]))
    checks.append((f"`neuronlab plugins` < {PLUGINS_MS:g} ms",
                   f"{ours['host_plugins_ms']:.1f} ms (registry load in-process "
                   f"{ours['registry_load_ms']:.1f} ms)",
                   0 <= ours["host_plugins_ms"] < PLUGINS_MS))
    width = max(len(c[0]) for c in checks)
    for what, measured, ok in checks:
        print(f"{what.ljust(width)}  {verdict(ok):7}  {measured}")
    return 0 if all(c[2] for c in checks) and not refused else 1


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
