#!/usr/bin/env python3
"""Import benchmark: 20,000 CSV rows into the simulator as createLeads with
`leadgen-diag send --objects-csv FILE --method createLeads --results-csv OUT`, next to a baseline
Python script doing the same (csv + json + urllib, calls of 500 objects, a results CSV), each
against a fresh simulator of its own in the same run.

  tests/bench/bench_import.py [--binary build/dev/bin/leadgen-diag] [--rows 20000]

Every 97th row repeats an earlier row's address in other letter case (the service compares
addresses case-insensitively), half of them inside the same call of 500, half across calls.
Checked: the results CSV has one row per input row, in input order; exactly the repeated rows
failed, each with 301 at its own row; every other row succeeded with an id. Printed: wall time
and peak RSS of both, and the ratio.
"""
import argparse
import csv
import json
import os
import sys
import tempfile
import urllib.request

from benchsim import ACCOUNT, SECRET, run_measured, start_sim, stop_sim
HEADER = ["Email Address", "First Name", "Last Name", "Company Name", "City"]
FIELDS = ["emailAddress", "firstName", "lastName", "companyName", "city"]


def make_rows(count):
    """The input rows and the 0-based indices of the rows that repeat an earlier address."""
    rows = []
    repeats = set()
    for i in range(count):
        if i and i % 97 == 0:
            # Alternately the row 3 before (same call of 500, mostly) and 700 before (an earlier call).
            earlier = i - 3 if (i // 97) % 2 else max(0, i - 700)
            while earlier in repeats:
                earlier -= 1
            email = rows[earlier][0].upper()
            repeats.add(i)
        else:
            email = "import.%06d@bench.example" % i
        rows.append([email, "First%d" % i, "Last, \"%d\"" % i, "Company %d" % (i % 50), "City %d" % (i % 7)])
    return rows, repeats


def baseline(endpoint, in_path, out_path, chunk=500):
    """The baseline: the import a user would script, in the simplest idiomatic form."""
    url = endpoint + "?accountID=" + ACCOUNT + "&secretKey=" + SECRET
    with open(in_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        rows = list(reader)
    with open(out_path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER + ["success", "id", "code", "message"])
        for start in range(0, len(rows), chunk):
            part = rows[start:start + chunk]
            objects = [dict(zip(FIELDS, row)) for row in part]
            body = json.dumps({"method": "createLeads", "params": {"objects": objects}, "id": start}).encode()
            request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request) as response:
                answer = json.loads(response.read())
            for row, result in zip(part, answer["result"]["creates"]):
                error = result.get("error") or {}
                writer.writerow(row + [str(bool(result.get("success"))).lower(), result.get("id") or "",
                                       error.get("code", ""), error.get("message", "")])


def check(results_path, rows, repeats):
    """Problems with a results CSV, as text (empty = all as expected)."""
    with open(results_path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        got = list(reader)
    problems = []
    if len(got) != len(rows):
        problems.append("%d result rows for %d input rows" % (len(got), len(rows)))
    success, ident, code = header.index("success"), header.index("id"), header.index("code")
    for i, (row, result) in enumerate(zip(rows, got)):
        if result[:len(row)] != row:
            problems.append("row %d: the input columns differ" % (i + 1))
        elif i in repeats and (result[success] != "false" or result[code] != "301"):
            problems.append("row %d repeats an address but reads success=%s code=%s"
                            % (i + 1, result[success], result[code]))
        elif i not in repeats and (result[success] != "true" or not result[ident]):
            problems.append("row %d: success=%s id=%s code=%s" % (i + 1, result[success], result[ident],
                                                                  result[code]))
        if len(problems) > 5:
            break
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "../../build/dev/bin/leadgen-diag"))
    parser.add_argument("--rows", type=int, default=20000)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    rows, repeats = make_rows(options.rows)
    with tempfile.TemporaryDirectory() as tmp:
        contacts = os.path.join(tmp, "contacts.csv")
        with open(contacts, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(HEADER)
            writer.writerows(rows)
        results = []
        sim, endpoint = start_sim(binary, 3)
        try:
            ours_out = os.path.join(tmp, "ours.results.csv")
            env = dict(os.environ, LEADGEN_BENCH_SECRET=SECRET, LEADGEN_HISTORY=os.path.join(tmp, "h.sqlite"))
            args = [binary, "send", "--objects-csv", contacts, "--method", "createLeads", "--results-csv", ours_out,
                    "--endpoint", endpoint, "--account", ACCOUNT, "--secret-env", "LEADGEN_BENCH_SECRET", "--quiet",
                    "--rate", "0"]
            t, rss, code, err = run_measured(args, env)
            results.append(("leadgen-diag", t, rss, code, check(ours_out, rows, repeats), err))
        finally:
            stop_sim(sim)
        sim, endpoint = start_sim(binary, 3)
        try:
            py_out = os.path.join(tmp, "py.results.csv")
            script = [sys.executable, "-c",
                      "import sys; sys.path.insert(0, %r); import bench_import as b; b.baseline(%r, %r, %r)"
                      % (os.path.dirname(os.path.abspath(__file__)), endpoint, contacts, py_out)]
            t, rss, code, err = run_measured(script)
            results.append(("python baseline", t, rss, code, check(py_out, rows, repeats), err))
        finally:
            stop_sim(sim)
    print("%d rows, %d repeated addresses" % (len(rows), len(repeats)))
    for name, t, rss, code, problems, err in results:
        # send exits 1 when objects failed (the repeats), as documented.
        print("  %-16s %7.2f s  %7.1f MB peak RSS  exit %d  %s"
              % (name, t, rss, code, "results as expected" if not problems else "; ".join(problems)))
        if code not in (0, 1):
            print("    " + err.strip().replace("\n", "\n    "))
    print("  speed-up: %.2fx" % (results[1][1] / results[0][1]))


if __name__ == "__main__":
    main()
