"""Optional PyTorch peer for bench/train-throughput.ts (only run when `import torch` works).

Reads one JSON job on stdin: {series, batch, warmup, threads, configs: [{cell, T, H, batches}]}
and prints {"trainWps": [...], "blas": "..."} -- training windows/second per config on the same workload:
sliding windows of length T over the series, next value as target, nn.RNN/LSTM/GRU + Linear(H, 1),
Adam(1e-3), MSE, gradient clipping to global norm 1, consecutive minibatches. "blas" names
the BLAS library this process loaded (from /proc/self/maps) beside the one torch was built
for (torch.__config__.show()): Debian's torch calls whatever libblas.so.3 resolves to.
"""
import json
import os
import re
import sys
import time

import torch

CELLS = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def train_wps(series, cfg, batch, warmup):
    T, H = cfg["T"], cfg["H"]
    count = series.numel() - T
    x = series.unfold(0, T, 1)[:count].unsqueeze(-1).contiguous()  # [N, T, 1]
    y = series[T:T + count].unsqueeze(-1)
    rnn = CELLS[cfg["cell"]](1, H, batch_first=True)
    head = torch.nn.Linear(H, 1)
    params = list(rnn.parameters()) + list(head.parameters())
    optimizer = torch.optim.Adam(params, lr=1e-3)
    batches_in_set = count // batch

    def step(i):
        s = (i % batches_in_set) * batch
        out, _ = rnn(x[s:s + batch])
        loss = torch.nn.functional.mse_loss(head(out[:, -1]), y[s:s + batch])
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()

    for i in range(warmup):
        step(i)
    start = time.perf_counter()
    for i in range(warmup, warmup + cfg["batches"]):
        step(i)
    return cfg["batches"] * batch / (time.perf_counter() - start)


def loaded_blas():
    built = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    try:
        with open("/proc/self/maps") as maps:
            paths = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
    except OSError:
        paths = []
    openblas = [p for p in paths if "openblas" in os.path.basename(p)]
    if openblas:
        loaded = f"OpenBLAS ({', '.join(os.path.basename(p) for p in openblas)})"
    elif paths:
        loaded = f"the reference BLAS ({paths[0]})"
    else:
        loaded = "no BLAS library mapped"
    return f"{loaded}; torch built with BLAS_INFO={built.group(1) if built else 'unknown'}"


def main():
    job = json.load(sys.stdin)
    torch.set_num_threads(job["threads"])
    series = torch.tensor(job["series"], dtype=torch.float32)
    wps = [train_wps(series, cfg, job["batch"], job["warmup"]) for cfg in job["configs"]]
    json.dump({"trainWps": wps, "blas": loaded_blas()}, sys.stdout)


if __name__ == "__main__":
    main()
