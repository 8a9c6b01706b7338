#!/usr/bin/env python3
"""Rate limiter benchmark: `send getLeads --all-pages` against `sim --per-second 10`.

  tests/bench/bench_limiter.py [--binary build/dev/bin/leadgen-diag] [--pages 200]

Run 1: the client's default limit (10/s): the pages must take at least (pages - 1) / 10 s minus
the first second's burst, i.e. >= 19.9 s for 200 pages, and no 107 may reach the user (none is
even retried when the limiter holds). Run 2: the client limit raised to 15/s: 107s happen, are
retried, and every record still arrives exactly once (ids counted in the JSON Lines output).
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

from benchsim import ACCOUNT, SECRET, start_sim, stop_sim


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "../../build/dev/bin/leadgen-diag"))
    parser.add_argument("--pages", type=int, default=200)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    limit = 500
    leads = options.pages * limit + 10  # a few leads are inactive; the last page is short
    sim, endpoint = start_sim(binary, leads, per_second=10)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            request = os.path.join(tmp, "getLeads.json")
            with open(request, "w") as f:
                json.dump({"method": "getLeads", "params": {"where": {}, "limit": limit}, "id": "bench"}, f)
            env = dict(os.environ, LEADGEN_BENCH_SECRET=SECRET,
                       LEADGEN_HISTORY=os.path.join(tmp, "h.sqlite"))
            for rate in (10, 15):
                out = os.path.join(tmp, "rate%d.jsonl" % rate)
                args = [binary, "send", request, "--all-pages", "--max-pages", str(options.pages), "--jsonl", out,
                        "--endpoint", endpoint, "--account", ACCOUNT, "--secret-env", "LEADGEN_BENCH_SECRET",
                        "--quiet", "--json", "--rate", str(rate), "--retries", "8"]
                time.sleep(1.1)  # an empty window on the simulator's side
                start = time.monotonic()
                run = subprocess.run(args, env=env, capture_output=True, text=True)
                elapsed = time.monotonic() - start
                result = json.loads(run.stdout)
                ids = []
                with open(out) as f:
                    for line in f:
                        ids.append(json.loads(line)["id"])
                codes = result["diagnosis"]["findings"] if result.get("diagnosis") else []
                reached = [f for f in codes if f.get("code") == 107]
                print("client --rate %2d: %3d pages in %6.2f s, %d retries (107), %d ms throttled, %d records, "
                      "%d unique, exit %d, stopped %s, 107 in the final answer: %s"
                      % (rate, result["pages"], elapsed, result["retries"], result["throttled_ms"], len(ids),
                         len(set(ids)), run.returncode, result["stopped"], "yes" if reached else "no"))
    finally:
        stop_sim(sim)


if __name__ == "__main__":
    main()
