"""What the Python benchmarks share: a simulator process on a free loopback port, and a child
process measured alone (wall time, peak RSS, exit status, stderr)."""
import os
import socket
import subprocess
import time

SECRET = "sim-demo-secret-0001"
ACCOUNT = "SIMDEMO0001"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sim(binary, leads, per_second=0):
    """`leadgen-diag sim` with `leads` demo leads and no daily limit; returns (process, endpoint)
    once it accepts connections (a million leads take a while to generate)."""
    port = free_port()
    sim = subprocess.Popen([binary, "sim", "--leads", str(leads), "--per-second", str(per_second), "--daily", "0",
                            "--port", str(port), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.5)
    return sim, "http://127.0.0.1:%d/pubapi/v1.2/" % port


def stop_sim(sim):
    sim.terminate()
    sim.wait()


def run_measured(args, env=None):
    """Runs a command with stdout discarded; (seconds, peak RSS in MB, exit status, stderr)."""
    start = time.monotonic()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    err = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status), err
