#!/usr/bin/python3
"""PyTorch on the issue-5 workloads: the reference side of bench/run.

Same networks, batch sizes, thread counts, optimizer (Adam, lr 1e-3) and data shapes as
neuronlab_bench (bench/workloads.cpp); the same timing rule: steps in blocks of about 5 ms,
blocks repeated for --seconds, the median per-step time over blocks. One training step is
zero_grad, forward, loss, backward and optimizer.step, as a PyTorch training loop writes it.
Prints one JSON object. Needs Debian's python3-torch: run it with /usr/bin/python3.

Softmax outputs train with torch.nn.CrossEntropyLoss on the logits (class-index targets, the
usual PyTorch form); the sigmoid output of W3 with torch.nn.Sigmoid + torch.nn.BCELoss.

The reference is PyTorch as a user has it: on the BLAS library that libblas.so.3 points to
(OpenBLAS once libopenblas0-pthread is installed). OpenBLAS takes its thread count from
OPENBLAS_NUM_THREADS when it loads, and torch.set_num_threads does not change it, so bench/run
starts this script once per thread count with OPENBLAS_NUM_THREADS set, and the script
refuses a workload whose threads differ from it. The BLAS library the process loaded is read
from its own memory map.
"""
import argparse
import json
import os
import time

import torch

WORKLOADS = [
    # name, layer sizes, hidden activation, output, batch, threads
    ("W1", [64, 128, 64, 10], "relu", "softmax", 32, 1),
    ("W2", [784, 512, 256, 10], "relu", "softmax", 256, 1),
    ("W3", [2, 4, 1], "tanh", "sigmoid", 1, 1),
    ("W4", [784, 512, 256, 10], "relu", "softmax", 256, 2),
]


def build(sizes, hidden, output):
    layers = []
    for i in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[i - 1], sizes[i]))
        if i + 1 < len(sizes):
            layers.append(torch.nn.ReLU() if hidden == "relu" else torch.nn.Tanh())
    if output == "sigmoid":
        layers.append(torch.nn.Sigmoid())
        return torch.nn.Sequential(*layers), torch.nn.BCELoss()
    return torch.nn.Sequential(*layers), torch.nn.CrossEntropyLoss()  # softmax is in the loss


def time_steps(step, budget_s, block_s=0.005, min_blocks=15):
    length = 1
    while True:
        start = time.perf_counter()
        for _ in range(length):
            step()
        if time.perf_counter() - start >= block_s or length >= 1 << 24:
            break
        length *= 2
    per_step = []
    begin = time.perf_counter()
    while len(per_step) < min_blocks or time.perf_counter() - begin < budget_s:
        start = time.perf_counter()
        for _ in range(length):
            step()
        per_step.append((time.perf_counter() - start) / length)
    per_step.sort()
    return per_step[len(per_step) // 2], per_step[0], len(per_step) * length


def blas_libraries():
    """The BLAS-like shared libraries mapped into this process, as real paths."""
    found = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = os.path.basename(path)
            if any(k in name for k in ("blas", "blis", "mkl_", "lapack")) and path not in found:
                found.append(path)
    return [os.path.realpath(p) for p in found]


def run(name, sizes, hidden, output, batch, threads, budget_s):
    blas_threads = os.environ.get("OPENBLAS_NUM_THREADS")
    if blas_threads != str(threads):
        raise SystemExit(f"torch_reference.py: {name} runs on {threads} thread(s), but "
                         f"OPENBLAS_NUM_THREADS is {blas_threads!r}; run it through bench/run")
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model, loss_fn = build(sizes, hidden, output)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    rows = max(batch * 8, 64)
    x = torch.rand(rows, sizes[0]) * 2 - 1
    if output == "sigmoid":
        y = torch.randint(0, 2, (rows, sizes[-1])).float()
    else:
        y = torch.randint(0, sizes[-1], (rows,))
    batches = [(x[i:i + batch], y[i:i + batch]) for i in range(0, rows, batch)]
    state = {"next": 0, "loss": 0.0}

    def step():
        bx, by = batches[state["next"] % len(batches)]
        state["next"] += 1
        optimizer.zero_grad()
        loss = loss_fn(model(bx), by)
        loss.backward()
        optimizer.step()
        state["loss"] = loss

    for _ in batches:  # the first epoch: warm-up
        step()
    median, fastest, steps = time_steps(step, budget_s)
    return {"name": name, "batch": batch, "threads": threads, "step_us": median * 1e6,
            "min_step_us": fastest * 1e6, "samples_per_s": batch / median, "steps": steps,
            "final_loss": float(state["loss"])}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="timing budget per workload")
    parser.add_argument("--only", default="", help="comma-separated workload names")
    args = parser.parse_args()
    only = [n for n in args.only.split(",") if n]
    results = [run(*w, args.seconds) for w in WORKLOADS if not only or w[0] in only]
    print(json.dumps({"torch": torch.__version__,
                      "blas": torch.__config__.show().split("BLAS_INFO=")[-1].split(",")[0],
                      "blas_loaded": blas_libraries(),
                      "torch_threads": torch.get_num_threads(),
                      "openblas_env": {k: os.environ[k] for k in os.environ
                                       if k.startswith("OPENBLAS_")},
                      "workloads": results}, indent=2))


if __name__ == "__main__":
    main()
