#!/usr/bin/python3
"""Whole runs: `neuronlab run` on W1- and W2-shaped experiments, against the step figure.

usage: end_to_end.py HOST WORK_DIR SOURCE_DIR

W1 trains 64-128-64-10 (batch 32) on the course's digits (1797 rows of 64 pixels, 10 classes);
W2 trains 784-512-256-10 (batch 256) on 4096 random rows of 784 inputs and 10 classes. Both
with Adam (lr 1e-3), ReLU hidden layers and softmax + categorical cross-entropy, as the
workloads of neuronlab_bench. Each experiment runs with a short and a long epoch count
(OMP_NUM_THREADS=1, --quiet), five times each; the difference of the median wall times over
the difference of epochs is the cost of an epoch with start-up, data loading and the final
report cancelled out. Over the epoch's steps it is a per-step cost that includes shuffling,
batching and the per-epoch metrics, to compare with the bench's step alone.

It also times the whole course: `neuronlab learn --auto N` for every lesson, with a fresh
progress and work folder, the lessons with a plugin exercise (which compile a plugin) counted
apart. Prints one JSON object.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import time

RUNS = [
    # name, sizes, batch, rows (None: the digits), short and long epoch counts
    ("W1", [64, 128, 64, 10], 32, None, 20, 420),
    ("W2", [784, 512, 256, 10], 256, 4096, 3, 23),
]

REPEATS = 5  # runs of each length; the median counts (the machine is shared and noisy)

EXPERIMENT = """format_version: 1
kind: experiment
name: end-to-end-{name}
seed: 1
data: {{csv: {csv}, target: {target}, task: categorical}}
network:
  layers:
{layers}
loss: categorical_cross_entropy
optimizer: {{name: adam, learning_rate: 0.001}}
training: {{epochs: {epochs}, batch_size: {batch}}}
"""


def random_csv(path, rows, inputs, classes):
    rng = random.Random(1)
    with open(path, "w") as f:
        f.write(",".join(f"x{i}" for i in range(inputs)) + ",label\n")
        for _ in range(rows):
            f.write(",".join(f"{rng.uniform(-1, 1):.4f}" for _ in range(inputs)))
            f.write(f",c{rng.randrange(classes)}\n")


def wall_time(host, path, env):
    start = time.perf_counter()
    done = subprocess.run([host, "run", "--quiet", path], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"end_to_end.py: neuronlab run {path} failed ({done.returncode}): {done.stderr}")
    return elapsed


def course(host, work, source):
    env = dict(os.environ, NEURONLAB_STATE_DIR=os.path.join(work, "course-state"),
               NEURONLAB_WORK_DIR=os.path.join(work, "course-work"))
    shutil.rmtree(env["NEURONLAB_STATE_DIR"], ignore_errors=True)
    shutil.rmtree(env["NEURONLAB_WORK_DIR"], ignore_errors=True)
    lessons = sorted(f for f in os.listdir(os.path.join(source, "lessons")) if f.endswith(".yaml"))
    seconds = {"lessons": 0.0, "plugin_exercises": 0.0}
    for number, name in enumerate(lessons, 1):
        with open(os.path.join(source, "lessons", name)) as f:
            compiles = "plugin_exercise:" in f.read()
        start = time.perf_counter()
        done = subprocess.run([host, "learn", "--auto", str(number)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.exit(f"end_to_end.py: neuronlab learn --auto {number} failed: {done.stderr}")
        seconds["plugin_exercises" if compiles else "lessons"] += time.perf_counter() - start
    return {"lessons": len(lessons), "seconds": seconds["lessons"],
            "plugin_exercise_seconds": seconds["plugin_exercises"]}


def main(host, work, source):
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, OMP_NUM_THREADS="1")
    results = []
    for name, sizes, batch, rows, short, long in RUNS:
        if rows is None:
            # An experiment reads files in its own folder only: a copy of the course's table.
            csv, target = os.path.join(work, "digits.csv"), "digit"
            shutil.copy(os.path.join(source, "lessons/data/digits.csv"), csv)
            with open(csv) as f:
                rows = sum(1 for _ in f) - 1
        else:
            csv, target = os.path.join(work, f"{name}.csv"), "label"
            random_csv(csv, rows, sizes[0], sizes[-1])
        layers = "\n".join(f"    - {{neurons: {n}, activation: relu}}" for n in sizes[1:-1])
        layers += f"\n    - {{neurons: {sizes[-1]}, activation: softmax}}"
        walls = {}
        for epochs in (short, long):
            path = os.path.join(work, f"end-to-end-{name}-{epochs}.yaml")
            with open(path, "w") as f:
                f.write(EXPERIMENT.format(name=name, csv=csv, target=target, layers=layers,
                                          epochs=epochs, batch=batch))
            times = sorted(wall_time(host, path, env) for _ in range(REPEATS))
            walls[epochs] = times[REPEATS // 2]
        per_epoch = (walls[long] - walls[short]) / (long - short)
        steps = -(-rows // batch)
        results.append({"name": name, "rows": rows, "batch": batch, "epochs": [short, long],
                        "wall_s": [walls[short], walls[long]], "epoch_ms": per_epoch * 1e3,
                        "steps_per_epoch": steps, "step_us": per_epoch / steps * 1e6})
    print(json.dumps({"end_to_end": results, "course": course(host, work, source)}, indent=2))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
