#!/usr/bin/env python3
"""Export benchmark: `leadgen-diag send getLeads --all-pages --csv` against a baseline Python
script doing the same paging (urllib + json + csv), both against the same simulator in the same
run. Prints wall time, records and peak RSS of each.

  tests/bench/bench_export.py [--binary build/dev/bin/leadgen-diag] [--leads 100000,300000]

The simulator renders a record once and caches it, so the first export pays for rendering: the
order is leadgen-diag (cold), Python (warm), leadgen-diag (warm); compare the warm runs.
"""
import argparse
import csv
import json
import os
import sys
import tempfile
import urllib.request

from benchsim import ACCOUNT, SECRET, run_measured, start_sim, stop_sim


def baseline(endpoint, out_path, limit=500):
    """The baseline: the paging a user would script, in the simplest idiomatic form."""
    url = endpoint + "?accountID=" + ACCOUNT + "&secretKey=" + SECRET
    offset = 0
    writer = None
    count = 0
    with open(out_path, "w", newline="", encoding="utf-8") as out:
        while True:
            body = json.dumps({"method": "getLeads", "params": {"where": {}, "limit": limit, "offset": offset},
                               "id": "baseline"}).encode()
            request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request) as response:
                answer = json.loads(response.read())
            records = answer["result"]["lead"]
            for record in records:
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(record.keys()))
                    writer.writeheader()
                writer.writerow(record)
            count += len(records)
            if len(records) < limit:
                break
            offset += limit
    return count


def count_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "../../build/dev/bin/leadgen-diag"))
    parser.add_argument("--leads", default="100000,300000")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    for leads in [int(x) for x in options.leads.split(",")]:
        sim, endpoint = start_sim(binary, leads)
        with tempfile.TemporaryDirectory() as tmp:
            request = os.path.join(tmp, "getLeads.json")
            with open(request, "w") as f:
                json.dump({"method": "getLeads", "params": {"where": {}, "limit": 500}, "id": "bench"}, f)
            env = dict(os.environ, LEADGEN_BENCH_SECRET=SECRET, LEADGEN_HISTORY=os.path.join(tmp, "h.sqlite"))
            ours = [binary, "send", request, "--all-pages", "--csv", os.path.join(tmp, "ours.csv"), "--endpoint",
                    endpoint, "--account", ACCOUNT, "--secret-env", "LEADGEN_BENCH_SECRET", "--quiet", "--rate", "0"]
            results = []
            t, rss, code, err = run_measured(ours, env)
            results.append(("leadgen-diag (cold)", t, rss, code, count_rows(os.path.join(tmp, "ours.csv")), err))
            script = [sys.executable, "-c",
                      "import sys; sys.path.insert(0, %r); import bench_export as b; "
                      "print(b.baseline(%r, %r))" % (os.path.dirname(os.path.abspath(__file__)), endpoint,
                                                   os.path.join(tmp, "py.csv"))]
            t, rss, code, err = run_measured(script)
            results.append(("python baseline (warm)", t, rss, code, count_rows(os.path.join(tmp, "py.csv")), err))
            t, rss, code, err = run_measured(ours, env)
            results.append(("leadgen-diag (warm)", t, rss, code, count_rows(os.path.join(tmp, "ours.csv")), err))
        stop_sim(sim)
        print("%d leads" % leads)
        for name, t, rss, code, rows, err in results:
            print("  %-24s %8.2f s  %8.1f MB peak RSS  %9d rows  exit %d" % (name, t, rss, rows, code))
            if code != 0:
                print("    " + err.strip().replace("\n", "\n    "))
        print("  speed-up (warm vs warm): %.2fx" % (results[1][1] / results[2][1]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
