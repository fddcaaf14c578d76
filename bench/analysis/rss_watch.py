"""driver-memory.sh's watcher: runs a command and records the peak RSS of the driver JVM in its process tree.

    python3 -m bench.analysis.rss_watch OUT_JSON LOG POLL GC_PREFIX COMMAND [ARG...]

Runs COMMAND with its stdout and stderr in LOG and follows its process tree through Linux /proc. The driver is the
java process whose command line holds org.apache.spark.deploy.SparkSubmit (so it works whether the command execs
Java, runs it as a child or goes through spark-submit). Every POLL seconds it reads the driver's VmHWM (the
kernel's peak RSS) from /proc/PID/status, and notes the VmHWM when LOG first shows a line starting `broadcast: `
(data loaded and broadcast, no trial yet). At the end it writes OUT_JSON: exit code, seconds, the driver's pid,
VmHWM and heap flags, the VmHWM at the broadcast, the kernel's maximum RSS of the tree (wait4's ru_maxrss, a
cross-check), the number of JVMs seen, and the driver's GC log `GC_PREFIX<pid>.log` (the JVMs are expected to log
their GCs there through JAVA_TOOL_OPTIONS=-Xlog:gc:file=GC_PREFIX%p.log). Exits 1 if COMMAND failed.
"""
import json
import os
import subprocess
import sys
import time

DRIVER_CLASS = "org.apache.spark.deploy.SparkSubmit"
HEAP_FLAGS = ("-Xmx", "-Xms", "-XX:+Use", "-XX:MaxRAM")


def parse_status(text):
    """/proc/PID/status as {field: value}."""
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


def parent_pid(stat_text):
    """The parent pid from /proc/PID/stat (the field after the state, which follows the `)` that ends the name)."""
    return int(stat_text.rpartition(")")[2].split()[1])


def kb(value):
    """`12345 kB` -> 12345; a missing value -> 0."""
    return int(value.split()[0]) if value else 0


def tree(root, children):
    """root and all its descendants, given {ppid: [pid, ...]}."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def heap_args(args):
    """The heap and collector flags among a JVM's arguments."""
    return [a for a in args if a.startswith(HEAP_FLAGS)]


def shows_broadcast(console):
    """True if the console output (bytes) has a line starting `broadcast: `."""
    return console.startswith(b"broadcast: ") or b"\nbroadcast: " in console


def _read(path, mode="r"):
    try:
        with open(path, mode) as f:
            return f.read()
    except OSError:
        return None


def _status(pid):
    text = _read(f"/proc/{pid}/status")
    return parse_status(text) if text is not None else None


def _cmdline(pid):
    raw = _read(f"/proc/{pid}/cmdline", "rb")
    return [a.decode(errors="replace") for a in raw.split(b"\0") if a] if raw else []


def _descendants(root):
    children = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            stat = _read(f"/proc/{d}/stat")  # None if the process has gone meanwhile
            try:
                children.setdefault(parent_pid(stat), []).append(int(d))
            except (AttributeError, IndexError, ValueError):
                continue
    return tree(root, children)


def watch(out_json, log_path, poll, gc_prefix, cmd):
    """Runs cmd, watching it as the module's doc says; returns its exit code."""
    start = time.time()
    jvms = {}  # pid -> {"hwm_kb", "args"} for every java process of the tree
    driver = None
    hwm_at_broadcast = None
    seen, last_scan = b"", 0.0
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    while True:
        now = time.time()
        scan = now - last_scan >= 0.5
        pids = _descendants(proc.pid) if scan or driver is None else [driver]
        if scan:
            last_scan = now
        for pid in pids:
            s = _status(pid)
            if not s or s.get("Name") != "java":
                continue
            j = jvms.setdefault(pid, {"hwm_kb": 0, "args": _cmdline(pid)})
            j["hwm_kb"] = max(j["hwm_kb"], kb(s.get("VmHWM")))
            if driver is None and DRIVER_CLASS in j["args"]:
                driver = pid
        if hwm_at_broadcast is None and driver is not None:
            with open(log_path, "rb") as f:
                f.seek(len(seen))
                seen += f.read()
            if shows_broadcast(seen):
                hwm_at_broadcast = jvms[driver]["hwm_kb"]
        pid, code, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            break
        time.sleep(poll)
    exit_code = os.waitstatus_to_exitcode(code)
    d = jvms.get(driver, {"hwm_kb": 0, "args": []})
    with open(out_json, "w") as f:
        json.dump({"exit": exit_code, "driver_gc_log": f"{gc_prefix}{driver}.log", "seconds": time.time() - start,
                   "driver_pid": driver, "driver_hwm_kb": d["hwm_kb"], "hwm_at_broadcast_kb": hwm_at_broadcast,
                   "rusage_maxrss_kb": usage.ru_maxrss, "jvms": len(jvms), "heap_args": heap_args(d["args"])}, f)
    return exit_code


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    out_json, log_path, poll, gc_prefix, *cmd = argv
    return 0 if watch(out_json, log_path, float(poll), gc_prefix, cmd) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
