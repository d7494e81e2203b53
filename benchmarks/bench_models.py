"""Forward + backward time of rnnquiz.models next to PyTorch CPU, one thread, same dtype.

    python benchmarks/bench_models.py [--dtype float32|float64] [--repeats N]

Prints one table of median times over ``repeats`` runs and the ratio ours / torch, all measured in one
run. Both sides compute the same gradients: every parameter, the inputs and the initial state, from a
gradient on the outputs. Targets (2-core machine): ≤ 1.0× at the first size, ≤ 1.5× at the others.
OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, if set on a machine, change the BLAS kernel: the script prints
which one NumPy's BLAS runs.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import threadpoolctl

from rnnquiz.models import GRU, LSTM, RNN

SIZES = [(100, 1, 10, 32), (50, 32, 32, 128), (50, 64, 64, 256)]
MODELS = [("LSTM", LSTM), ("GRU", GRU), ("RNN", RNN)]


def _median_time(fn, repeats: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench(dtype: str, repeats: int) -> list[tuple[str, tuple[int, ...], float, float]]:
    import torch

    torch.set_num_threads(1)
    tdtype = getattr(torch, dtype)
    rows = []
    for T, B, D, H in SIZES:
        rng = np.random.default_rng(0)
        X = rng.standard_normal((T, B, D)).astype(dtype)
        dY = rng.standard_normal((T, B, H)).astype(dtype)
        for name, cls in MODELS:
            model = cls(D, H, seed=0, dtype=dtype)

            def ours(model=model, X=X, dY=dY):
                Y, _, cache = model.forward(X)
                model.backward(cache, dY)

            tmodel = getattr(torch.nn, name)(D, H).to(tdtype)
            tmodel.load_state_dict({k: torch.from_numpy(v) for k, v in model.params.items()})
            tX, tdY = torch.from_numpy(X), torch.from_numpy(dY)
            h0 = torch.zeros(1, B, H, dtype=tdtype)
            state = (h0, torch.zeros(1, B, H, dtype=tdtype)) if name == "LSTM" else h0

            def theirs(tmodel=tmodel, tX=tX, tdY=tdY, state=state):
                x = tX.detach().requires_grad_(True)
                s = tuple(p.detach().requires_grad_(True) for p in state) if isinstance(state, tuple) \
                    else state.detach().requires_grad_(True)
                tmodel.zero_grad(set_to_none=True)
                Y, _ = tmodel(x, s)
                Y.backward(tdY)

            t_ours, t_torch = _median_time(ours, repeats), _median_time(theirs, repeats)
            # Interleave once more and keep the better pair to damp drift on a shared machine.
            t_ours = min(t_ours, _median_time(ours, repeats))
            t_torch = min(t_torch, _median_time(theirs, repeats))
            rows.append((name, (T, B, D, H), t_ours, t_torch))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dtype", default="float64", choices=["float32", "float64"])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    blas = [(i["internal_api"], i.get("architecture"), i["num_threads"])
            for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    print(f"dtype {args.dtype}; NumPy {np.__version__}; BLAS {blas} (the models use 1 thread)")
    print(f"{'model':6} {'(T, B, D, H)':18} {'ours ms':>9} {'torch ms':>9} {'ratio':>6}")
    for name, size, t_ours, t_torch in bench(args.dtype, args.repeats):
        print(f"{name:6} {str(size):18} {t_ours * 1e3:9.2f} {t_torch * 1e3:9.2f} {t_ours / t_torch:6.2f}")


if __name__ == "__main__":
    main()
