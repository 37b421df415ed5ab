#!/usr/bin/python3
"""Prints the side-by-side table of bench/run from the JSON that neuronlab_bench and
torch_reference.py wrote, with each issue-14 target and whether this run met it.

usage: table.py RESULTS_DIR

RESULTS_DIR holds what bench/run wrote: for each round R, neuronlab-R.json (neuronlab_bench on
the one-thread workloads, pinned to one CPU), neuronlab-two-R.json (W4, on every CPU) and
torch-T-R.json (one torch_reference.py process per thread count T); then memory.json
(neuronlab_bench --memory W2), end_to_end.json (end_to_end.py) and peers.json
(neuronlab_bench_peers), portable-R.json and portable-two-R.json (the portable build's
neuronlab_bench, in the same rounds), and cpu-C.json (W2 pinned to CPU C, for each CPU). The
rounds alternate the two sides, so that a machine whose speed drifts slows both: a ratio is the
median of the rounds' ratios, shown with their range, and a step time the median of the rounds'.
A ratio is only reported against an optimized BLAS: if a PyTorch process loaded the reference
BLAS (netlib's libblas), its workloads show no ratio, the table says why, and it exits with 1.
"""
import json
import os
import re
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
COURSE_S = 20.0           # every lesson with --auto, not counting plugin exercises' compiles
PORTABLE_LOSS = 0.10      # the portable build's step time over the native one's, minus one
END_TO_END = 0.10         # `neuronlab run`'s cost per step over the bench's step, minus one


def load(path):
    with open(path) as f:
        return json.load(f)


def verdict(ok):
    return "met" if ok else "NOT MET"


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def print_table(header, rows, rule=False):
    """Left-aligned first column, right-aligned numbers, two spaces between."""
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i])
                               for i, c in enumerate(r))
    print(line(header))
    if rule:
        print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


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


SAME_SHAPES = {"W4": "W2"}  # W4 is W2's network on two threads: its limit is W2's


def best_at(limits, name):
    """The library whose GEMM is fastest at a workload's own products, and its rate."""
    name = name if any(name in l["workloads"] for l in limits) else SAME_SHAPES.get(name, name)
    best = max(limits, key=lambda l: l["workloads"].get(name, 0))
    return best["library"], best["workloads"].get(name, 0)


def with_two(one, two_path):
    """A round's results with the workloads of its two-thread process (bench/run runs the
    one-thread workloads pinned to one CPU, and W4 in a process of its own) appended."""
    if os.path.exists(two_path):
        one["workloads"] += load(two_path)["workloads"]
    return one


def cpu_steps(results):
    """W2's step on each CPU bench/run timed it on, as {cpu: microseconds}."""
    steps = {}
    for name in os.listdir(results):
        if match := re.fullmatch(r"cpu-(\d+)\.json", name):
            steps[int(match[1])] = load(os.path.join(results, name))["workloads"][0]["step_us"]
    return dict(sorted(steps.items()))


def main(results):
    at = lambda name: os.path.join(results, name)
    files = sorted(os.listdir(results))
    rounds = sorted(int(n[len("neuronlab-"):-len(".json")]) for n in files
                    if re.fullmatch(r"neuronlab-\d+\.json", n))
    if not rounds:
        sys.exit(f"table.py: no neuronlab-R.json in {results}")
    ours_rounds = [with_two(load(at(f"neuronlab-{r}.json")), at(f"neuronlab-two-{r}.json"))
                   for r in rounds]
    torch_rounds = [[load(at(n)) for n in files
                     if n.startswith("torch-") and n.endswith(f"-{r}.json")] for r in rounds]
    memory = load(at("memory.json"))["memory"]
    end_to_end = load(at("end_to_end.json"))["end_to_end"]
    course = load(at("end_to_end.json"))["course"]
    peers = load(at("peers.json"))

    references, refused = torch_rounds[0], set()
    theirs_rounds = []
    for refs in torch_rounds:
        theirs_r = {}
        for ref in refs:
            ref["blas_name"] = blas_name(ref.get("blas_loaded", []))
            for w in ref["workloads"]:
                if ref["blas_name"] in ("reference", "unknown"):
                    refused.add(w["name"])
                else:
                    theirs_r[w["name"]] = w
        theirs_rounds.append(theirs_r)
    mine_rounds = [{w["name"]: w for w in o["workloads"]} for o in ours_rounds]

    # Medians over the rounds; ratios within a round first, then their median and range.
    mine, theirs, ratios, fractions = {}, {}, {}, {}
    for name, first in mine_rounds[0].items():
        ws = [m[name] for m in mine_rounds if name in m]
        step = median([w["step_us"] for w in ws])
        mine[name] = dict(first, step_us=step, samples_per_s=first["batch"] / step * 1e6,
                          gflops=median([w["gflops"] for w in ws]),
                          allocations_per_step=max(w["allocations_per_step"] for w in ws))
        fractions[name] = [m[name]["gflops"] / best_at(o["limits"], name)[1]
                           for m, o in zip(mine_rounds, ours_rounds) if o["limits"]]
        pairs = [(m[name], t[name]) for m, t in zip(mine_rounds, theirs_rounds)
                 if name in m and name in t]
        if pairs:
            their_step = median([t["step_us"] for _, t in pairs])
            theirs[name] = {"step_us": their_step,
                            "samples_per_s": first["batch"] / their_step * 1e6}
            ratios[name] = [m["samples_per_s"] / t["samples_per_s"] for m, t in pairs]
    of_limit = lambda name: median(fractions[name]) if fractions.get(name) else float("nan")
    ratio = lambda name: median(ratios[name])
    spread = lambda xs: f"{min(xs):.2f}-{max(xs):.2f}" if len(xs) > 1 else ""
    speedups = [m["W4"]["samples_per_s"] / m["W2"]["samples_per_s"]
                for m in mine_rounds if "W2" in m and "W4" in m]
    median_of = lambda key: median([o[key] for o in ours_rounds])
    ours = {"plugin_call_ns": median_of("plugin_call_ns"),
            "host_plugins_ms": median_of("host_plugins_ms"),
            "registry_load_ms": median_of("registry_load_ms"),
            "threads_available": ours_rounds[0]["threads_available"]}
    # Each library's rates, medians over the rounds.
    limits = []
    for l in ours_rounds[0]["limits"]:
        same = [x for o in ours_rounds for x in o["limits"] if x["library"] == l["library"]]
        limits.append({"library": l["library"], "origin": l["origin"],
                       "gemm_1024_gflops": median([x["gemm_1024_gflops"] for x in same]),
                       "workloads": {n: median([x["workloads"][n] for x in same])
                                     for n in l["workloads"]}})

    print(f"{len(rounds)} rounds, alternating neuronlab and PyTorch; medians over the rounds")
    header = ("workload", "neuronlab step", "samples/s", "PyTorch step", "samples/s", "ratio",
              "range", "GFLOP/s", "of limit", "allocs/step")
    rows = []
    for name, w in mine.items():
        t = theirs.get(name)
        rows.append((f"{name} {w['description']}", f"{w['step_us']:.2f} us",
                     f"{w['samples_per_s']:,.0f}",
                     f"{t['step_us']:.2f} us" if t else "-",
                     f"{t['samples_per_s']:,.0f}" if t else "-",
                     f"{ratio(name):.2f}x" if t else "-",
                     spread(ratios[name]) if t else "",
                     f"{w['gflops']:.1f}", f"{of_limit(name):.0%}",
                     f"{w['allocations_per_step']:g}"))
    print_table(header, rows, rule=True)
    print()
    names = [n for n in mine if any(n in l["workloads"] for l in limits)]
    lhead = ("limit: single-thread float32 GEMM, GFLOP/s", "1024^3") + tuple(
        f"{n} shapes" for n in names)
    lrows = [(f"{l['library']} ({l['origin']})", f"{l['gemm_1024_gflops']:.1f}") +
             tuple(f"{l['workloads'].get(n, 0):.1f}" for n in names) for l in limits]
    print_table(lhead, lrows)
    print("\"of limit\" is a workload's GFLOP/s over the best library's at its own products, "
          "in the same round (W4: two threads over one)")
    for ref in references:
        names = ",".join(w["name"] for w in ref["workloads"])
        loaded = ", ".join(ref.get("blas_loaded", [])) or "none found"
        print(f"reference {names}: PyTorch {ref['torch']} on {ref['blas_name']} ({loaded}); "
              f"torch threads {ref.get('torch_threads', '?')}, "
              f"OPENBLAS_* {ref['openblas_env'] or 'none'}")
    if refused:
        print(f"no ratio for {', '.join(sorted(refused))}: that PyTorch ran on the reference BLAS (or "
              f"one not recognised), which no user of numerical code keeps; install "
              f"libopenblas0-pthread (bench/run does) and check "
              f"'update-alternatives --display libblas.so.3-x86_64-linux-gnu'")
    cpus = cpu_steps(results)
    ceiling = None
    if cpus:
        fastest = min(cpus, key=cpus.get)
        rates = sorted((1 / step for step in cpus.values()), reverse=True)
        print("W2's step on each CPU: " +
              ", ".join(f"CPU {c} {step:.0f} us" for c, step in cpus.items()) +
              f"; every one-thread timing above ran on CPU {fastest}")
        if len(rates) >= 2:
            ceiling = (rates[0] + rates[1]) / rates[0]
            print(f"two threads on these CPUs can reach at most {ceiling:.2f}x the fastest one "
                  f"alone (W4's speed-up over W2 cannot exceed that)")
    print(f"one plugin call (identity on a 1x1 batch, through its vtable): "
          f"{ours['plugin_call_ns']:.1f} ns")
    print()
    by_peer = {}
    for p in peers["peers"]:
        by_peer.setdefault(p["name"], {})[p["library"]] = p
    phead = ("C/C++ peers, one thread", "neuronlab step", f"dlib {peers['dlib']} step",
             "neuronlab/dlib", f"FANN {peers['fann']} step", "neuronlab/FANN")
    prows = []
    for name, libs in by_peer.items():
        ours_step = mine[name]["step_us"] if name in mine else float("nan")
        row = (name, f"{ours_step:.2f} us")
        for lib in ("dlib", "FANN"):
            p = libs.get(lib)
            row += (f"{p['step_us']:.2f} us", f"{p['step_us'] / ours_step:.2f}x") if p else ("-", "-")
        prows.append(row)
    print_table(phead, prows)
    print("(dlib: the same networks, loss and Adam; FANN has no ReLU, softmax, Adam or "
          "mini-batch: bounded-linear hidden units, sigmoid outputs with squared error, one "
          "update per row; see bench/peers.cpp)")
    print()
    ehead = ("neuronlab run, end to end", "rows", "epochs", "s (short, long)", "per epoch",
             "per step", "bench step", "over it")
    erows = []
    for e in end_to_end:
        bench_step = mine[e["name"]]["step_us"] if e["name"] in mine else float("nan")
        e["over"] = e["step_us"] / bench_step - 1
        erows.append((f"{e['name']} batch {e['batch']}", f"{e['rows']}",
                      f"{e['epochs'][0]}/{e['epochs'][1]}",
                      f"{e['wall_s'][0]:.2f}, {e['wall_s'][1]:.2f}", f"{e['epoch_ms']:.2f} ms",
                      f"{e['step_us']:.2f} us", f"{bench_step:.2f} us", f"{e['over']:+.1%}"))
    print_table(ehead, erows)
    print("(per epoch: the long run's wall time minus the short one's, over the extra epochs; "
          "per step: that over the epoch's batches)")
    portable_rounds = [with_two(load(at(f"portable-{r}.json")), at(f"portable-two-{r}.json"))
                       for r in rounds if os.path.exists(at(f"portable-{r}.json"))]
    losses = {}
    if portable_rounds:
        print()
        kernels = portable_rounds[0].get("kernels", "?")
        vhead = ("portable build vs this machine's", "native step", "portable step", "slower by",
                 "range")
        vrows = []
        for name in mine:
            pairs = [(m[name]["step_us"], {w["name"]: w for w in p["workloads"]}[name]["step_us"])
                     for m, p in zip(mine_rounds, portable_rounds) if name in m]
            losses[name] = [portable / native - 1 for native, portable in pairs]
            vrows.append((name, f"{mine[name]['step_us']:.2f} us",
                          f"{median([p for _, p in pairs]):.2f} us",
                          f"{median(losses[name]):+.1%}",
                          f"{min(losses[name]):+.1%} to {max(losses[name]):+.1%}"))
        print_table(vhead, vrows)
        print(f"(the portable build: {kernels}; the native one: {ours_rounds[0].get('kernels', '?')})")
    print(f"the course, neuronlab learn --auto on each of its {course['lessons']} lessons: "
          f"{course['seconds']:.2f} s, and {course['plugin_exercise_seconds']:.2f} s more for "
          f"the lessons that compile a plugin exercise")
    if not ours["threads_available"]:
        print("note: this engine was built without OpenMP, so W4 ran on one thread")
    print()

    checks = []
    if "W1" in mine and "W1" in theirs:
        checks.append((f"W1 >= {W1_RATIO:g}x PyTorch samples/s", f"{ratio('W1'):.2f}x",
                       ratio("W1") >= W1_RATIO))
    if "W2" in mine and fractions.get("W2"):
        library, rate = best_at(limits, "W2")
        checks.append((f"W2 >= {W2_LIMIT_FRACTION:.0%} of the best GEMM at its shapes",
                       f"{of_limit('W2'):.0%} ({mine['W2']['gflops']:.1f} of "
                       f"{rate:.1f} GFLOP/s, {library}; rounds {min(fractions['W2']):.0%}-"
                       f"{max(fractions['W2']):.0%})",
                       of_limit("W2") >= W2_LIMIT_FRACTION))
        if "W2" in theirs:
            checks.append((f"W2 >= {W2_RATIO:g}x PyTorch samples/s", f"{ratio('W2'):.2f}x",
                           ratio("W2") >= W2_RATIO))
    if "W3" in mine:
        checks.append((f"W3 < {W3_STEP_US:g} us per step", f"{mine['W3']['step_us']:.2f} us",
                       mine["W3"]["step_us"] < W3_STEP_US))
    if speedups:
        checks.append((f"W4 >= {W4_SPEEDUP:g}x W2 (two threads over one)",
                       f"{median(speedups):.2f}x" +
                       (f" (these CPUs allow at most {ceiling:.2f}x)" if ceiling else ""),
                       median(speedups) >= W4_SPEEDUP))
    if "W4" in mine and "W4" in theirs:
        checks.append((f"W4 ahead of PyTorch on two threads", f"{ratio('W4'):.2f}x",
                       ratio("W4") > W4_RATIO))
    if losses:
        worst_name = max(losses, key=lambda n: median(losses[n]))
        worst_loss = median(losses[worst_name])
        checks.append((f"the portable build < {PORTABLE_LOSS:.0%} slower than the native one",
                       f"worst {worst_name}, {worst_loss:+.1%}", worst_loss < PORTABLE_LOSS))
    for e in end_to_end:
        checks.append((f"neuronlab run {e['name']} within {END_TO_END:.0%} of the step",
                       f"{e['over']:+.1%} per step", e["over"] < END_TO_END))
    checks.append((f"the course with --auto < {COURSE_S:g} s (plugin compiles apart)",
                   f"{course['seconds']:.2f} s", course["seconds"] < COURSE_S))
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
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
