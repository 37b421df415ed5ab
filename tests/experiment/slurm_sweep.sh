#!/usr/bin/env bash
# A sweep on a real Slurm cluster: a single-node cluster (munged, slurmctld and slurmd from
# Debian's slurm-wlm and munge) is started in a scratch folder on this machine, a 2×2 sweep
# with 2 repeats is submitted with `neuronlab run --slurm` as a job array and a dependent
# merge job, and the merged table must equal the table of the same sweep run here with
# --jobs 2 (every column but the seconds). Exit 77 (skipped), with the reason, where the
# daemons cannot run; never a pass without the cluster having run the jobs.
#
#   slurm_sweep.sh NEURONLAB SCRATCH
set -euo pipefail
neuronlab=$1
scratch=$2
skip() { echo "SKIPPED: $*"; exit 77; }
for tool in munged mungekey slurmctld slurmd sbatch squeue sinfo; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (apt-get install slurm-wlm munge)"
done
[ "$(id -u)" -eq 0 ] || skip "slurmd runs jobs as their user and must start as root; this test runs as $(id -un)"

rm -rf "$scratch"
mkdir -p "$scratch"/{munge,state,spool,log}
cd "$scratch"
# The daemons go when the test ends, however it ends: asked first, then made to.
cleanup() {
  scontrol shutdown >/dev/null 2>&1 || true
  local pids=""
  for f in slurmd.pid slurmctld.pid munge/pid; do [ -f "$f" ] && pids="$pids $(cat "$f")"; done
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 40); do
    local alive=""
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && return 0
    sleep 0.25
  done
  for pid in $pids; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

mungekey --create --keyfile=munge/munge.key --force >/dev/null 2>&1 ||
  skip "mungekey could not make a key"
chmod 600 munge/munge.key
munged --key-file=munge/munge.key --socket="$PWD/munge/socket" --pid-file="$PWD/munge/pid" \
  --log-file="$PWD/munge/log" --seed-file="$PWD/munge/seed" --force ||
  skip "munged did not start: $(tail -n 1 munge/log 2>/dev/null)"

node=$(hostname -s)
port=$((20000 + ($$ % 5000) * 2))
cat >slurm.conf <<CONF
ClusterName=neuronlab-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$PWD/munge/socket
CredType=cred/munge
StateSaveLocation=$PWD/state
SlurmdSpoolDir=$PWD/spool
SlurmctldPidFile=$PWD/slurmctld.pid
SlurmdPidFile=$PWD/slurmd.pid
SlurmctldLogFile=$PWD/log/slurmctld.log
SlurmdLogFile=$PWD/log/slurmd.log
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
ReturnToService=2
MpiDefault=none
MailProg=/bin/true
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$PWD/slurm.conf
slurmctld -f "$SLURM_CONF" || skip "slurmctld did not start: $(tail -n 1 log/slurmctld.log 2>/dev/null)"
slurmd -f "$SLURM_CONF" -N "$node" || skip "slurmd did not start: $(tail -n 1 log/slurmd.log 2>/dev/null)"
for _ in $(seq 60); do
  sinfo -h -o %t 2>/dev/null | grep -q idle && break
  sleep 0.5
done
sinfo -h -o %t 2>/dev/null | grep -q idle ||
  skip "the node did not become idle: $(tail -n 1 log/slurmctld.log 2>/dev/null)"

cat >sweep.yaml <<'YAML'
format_version: 1
kind: experiment
name: moons
seed: 3
data: {generate: {name: moons, samples: 160, noise: 0.2}, test_split: 0.25, validation_split: 0.2}
network:
  layers:
    - {neurons: 8, activation: tanh}
    - {neurons: 1, activation: sigmoid}
optimizer: {name: adam, learning_rate: 0.01}
training: {epochs: 15, batch_size: 32}
sweep:
  optimizer.learning_rate: [0.003, 0.03]
  network.layers.0.neurons: [4, 16]
repeats: 2
YAML

"$neuronlab" run sweep.yaml --slurm --slurm-shards 2 --out "$PWD/cluster" | tee submit.txt
grep -q "^submitted the sweep as job [0-9]* (2 array tasks) and its merge as job [0-9]*" submit.txt ||
  { echo "FAILED: the sweep was not submitted as an array and a merge job"; exit 1; }
merge_id=$(sed -n 's/.*its merge as job \([0-9]*\).*/\1/p' submit.txt)
for _ in $(seq 240); do
  squeue -h -j "$merge_id" 2>/dev/null | grep -q . || break
  sleep 0.5
done
if squeue -h -j "$merge_id" 2>/dev/null | grep -q .; then
  echo "FAILED: the merge job $merge_id did not end within 120 s"; squeue; exit 1
fi
[ -f cluster/sweep.csv ] ||
  { echo "FAILED: no cluster/sweep.csv; the merge job's log:"; cat cluster/slurm/merge.log; exit 1; }

"$neuronlab" run sweep.yaml --jobs 2 --quiet --out "$PWD/local" >/dev/null
strip_time() { awk -F, 'BEGIN { OFS = "," } { NF = NF - 1; print }' "$1"; }
if [ "$(strip_time cluster/sweep.csv)" != "$(strip_time local/sweep.csv)" ]; then
  echo "FAILED: the cluster's table differs from the local one"
  diff <(strip_time cluster/sweep.csv) <(strip_time local/sweep.csv) || true
  exit 1
fi
rows=$(($(wc -l <cluster/sweep.csv) - 1))
[ "$rows" -eq 4 ] || { echo "FAILED: $rows configurations in the table, not 4"; exit 1; }
echo "passed: 8 runs on Slurm in 2 array tasks, merged by job $merge_id, equal the local --jobs 2 table"
