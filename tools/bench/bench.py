#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""The genpvh boot benchmark (make bench).

A benchmark, not a test: every figure is the median of several runs with
their minimum and maximum, next to a reference measured in the same run
(the null PVH kernel, the floor; Debian's Linux), and nothing is asserted.
Runs of the cases being compared are interleaved, so that a noisy
neighbour on a shared machine hurts all of them alike.

Figures (start and end point of each):
  wall     QEMU process start -> QEMU process exit, seen from the host
  boot_us  the guest's own: PVH entry (first instruction, TSC in locore.S)
           -> end of boot (before the report is printed), from its report
  insns    instructions from PVH entry to end of boot under
           -icount shift=0 (QEMU's TSC then counts instructions): exact
           and repeatable whatever the machine is doing.  -icount counts
           every iteration of a `rep` string instruction as one
           instruction (one `rep stosq` pass over 40 KiB counts 5 120)
  size     the stripped kernel image
  min_mem  the smallest -m (MiB) with which test=all still succeeds

Every sample must end with the QEMU exit status its kernel gives (33 for
genpvh and the null kernel through isa-debug-exit, 0 for Linux's
poweroff) and, for genpvh, "Test result: SUCCESS": any other is a failed
run, counted and shown, never a figure.  Where a figure is derived rather
than measured in that run, the table says "derived".  Under KVM the CPU
model is the one the KVM probe chose (tools/kvm-probe, tests/lib.sh).
The table and the JSON name the commit measured (git, "-dirty" if the
tree had changes).

Writes build/bench.json and build/bench.png; prints a table.
  nested   from kvm-tests/nested --bench: the L2 QEMU run inside L1, the
           guest's boot_us, and the VM exits the run and the kernel made;
           for genpvh quiet, and (microvm) default boots on port 0xe9
           and on a virtio-console
  xen      from xen-tests/run --bench: dom0's `xl create` -> the guest's
           end of boot (its report line, or Linux's init marker, seen in
           xenconsoled's log)

Environment: BENCH_RUNS (default 7), BENCH_ONLY (comma-separated
sections: qemu, icount, size, mem, nested, xen).
"""
import json
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", os.path.join(ROOT, "build"))
QEMU = os.environ.get("QEMU", "qemu-system-x86_64")
KERNEL = os.path.join(BUILD, "genpvh")
NULL = os.path.join(BUILD, "null-pvh")
LINUX = os.path.join(BUILD, "bench", "linux")
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
ONLY = [s for s in os.environ.get("BENCH_ONLY", "").split(",") if s]
MACHINES = ["microvm", "pc", "q35"]
QEXIT_SUCCESS = 33
LOG = os.path.join(BUILD, "logs", "bench")


def want(section):
    return not ONLY or section in ONLY


def note(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def stats(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs),
            "runs": len(xs)}


def report_val(text, key):
    m = re.search(r"^report:.* %s=(\S+)" % re.escape(key), text, re.M)
    return m.group(1) if m else None


KVM_ARGS = None    # from the KVM probe: ["-accel", "kvm", "-cpu", MODEL]


def qemu_argv(accel, machine, kernel, append, mem="128M", extra=()):
    # -no-reboot: a triple fault ends QEMU instead of looping through
    # resets until the timeout.
    accel_args = KVM_ARGS if accel == "kvm" else ["-accel", accel]
    argv = [QEMU] + accel_args + [
            "-M", machine, "-m", mem, "-nodefaults",
            "-no-user-config", "-display", "none", "-no-reboot",
            "-kernel", kernel,
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
    if append is not None:
        argv += ["-append", append]
    return argv + list(extra)


def run(argv, timeout=120, console=None):
    """Wall time of one QEMU run, its status and the guest console.

    QEMU's output is read as it comes (select, no polling delay in the
    wall time); EOF on it is QEMU's exit.  "KVM internal error" ends the
    run at once: QEMU then stops the guest and waits forever.
    """
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    fd, buf, rc = p.stdout.fileno(), b"", None
    while True:
        left = t0 + timeout - time.monotonic()
        r = select.select([fd], [], [], max(left, 0))[0] if left > 0 else []
        if not r:
            rc = 124
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf += chunk
        if b"KVM internal error" in buf:
            rc = 125
            break
    if rc is not None:
        p.kill()
        p.wait()
        p.stdout.close()
        return None, rc, buf.decode(errors="replace")
    p.wait()
    wall = time.monotonic() - t0
    p.stdout.close()
    out = buf.decode(errors="replace")
    if console is not None and os.path.exists(console):
        with open(console, errors="replace") as f:
            out = f.read() + out
    return wall, p.returncode, out


def accel_label(accel):
    """KVM from the PVM module (kvm_pvm) is not hardware KVM: say so."""
    if accel == "kvm" and os.path.isdir("/sys/module/kvm_pvm"):
        return "KVM (PVM host)"
    return accel.upper()


def kvm_probe():
    """The KVM probe's answer (tests/lib.sh kvm_probe): the accelerator
    and CPU model every KVM run here uses; None for TCG only."""
    global KVM_ARGS
    p = subprocess.run([os.path.join(ROOT, "tools", "kvm-probe")],
                       stdout=subprocess.PIPE, env=dict(os.environ,
                                                        BUILD=BUILD))
    args = p.stdout.decode().split()
    if p.returncode != 0 or args[:2] != ["-accel", "kvm"]:
        return None
    KVM_ARGS = args
    return args


def commit():
    """The commit measured: short hash, "-dirty" if the tree differs."""
    def git(*a):
        p = subprocess.run(["git", "-C", ROOT] + list(a),
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return p.stdout.decode().strip() if p.returncode == 0 else None
    h = git("rev-parse", "--short", "HEAD")
    if h is None:
        return "unknown (not a git tree)"
    return h + ("-dirty" if git("status", "--porcelain",
                                "--untracked-files=no") else "")


def tcg_tsc_khz():
    """The TSC rate a TCG guest sees: the host's.  genpvh measures it on
    pc against the ACPI PM timer; microvm has no timer to measure with."""
    dbg = os.path.join(LOG, "tcg-pc-tsc.log")
    wall, rc, out = run(qemu_argv("tcg", "pc", KERNEL, "quiet",
                                  extra=["-debugcon", "file:" + dbg]),
                        console=dbg)
    v = report_val(out, "tsc_khz") if rc == QEXIT_SUCCESS else None
    return int(v) if v and v.isdigit() and int(v) > 0 else None


def bench_qemu(results):
    """Wall time and guest boot time: null, genpvh, Linux, per machine."""
    probe = kvm_probe()
    results["kvm_args"] = " ".join(probe) if probe else None
    accels = ["tcg"] + (["kvm"] if probe else [])
    have_linux = subprocess.run(
        [os.path.join(ROOT, "tools", "bench", "linux-initramfs"), LINUX],
        stderr=subprocess.DEVNULL).returncode == 0
    if not have_linux:
        note("no Linux reference (linux-image-amd64, busybox-static)")
    khz = tcg_tsc_khz()
    results["tcg_tsc_khz"] = khz
    cases = []
    for accel in accels:
        for m in MACHINES:
            dbg = os.path.join(LOG, "%s-%s-genpvh.log" % (accel, m))
            cases.append((accel, m, "null", qemu_argv(accel, m, NULL, None),
                          None, lambda rc, out: rc == QEXIT_SUCCESS))
            cases.append((accel, m, "genpvh",
                          qemu_argv(accel, m, KERNEL, "quiet",
                                    extra=["-debugcon", "file:" + dbg]),
                          dbg, lambda rc, out: rc == QEXIT_SUCCESS and
                          "Test result: SUCCESS" in out))
            if not have_linux:
                continue
            # Nothing genpvh does not get: no tsc_early_khz or other
            # calibration help.  (Under TCG Linux's quick PIT calibration
            # fails now and then on a loaded host; on microvm, with no
            # HPET and no PM timer, such a run may then hang until the
            # timeout: a failed run, counted as such.)
            append = "console=ttyS0 quiet panic=-1"
            ser = os.path.join(LOG, "%s-%s-linux.log" % (accel, m))
            cases.append((accel, m, "linux",
                          qemu_argv(accel, m, os.path.join(LINUX, "vmlinux"),
                                    append, mem="256M",
                                    extra=["-initrd", os.path.join(
                                        LINUX, "initramfs.cpio.gz"),
                                            "-serial", "file:" + ser]),
                          ser, lambda rc, out: rc == 0 and
                          "linux-init-reached" in out))
    samples, dropped = {}, {}
    for i in range(RUNS):
        note("qemu round %d of %d" % (i + 1, RUNS))
        for accel, m, what, argv, console, good in cases:
            key = (accel, m, what)
            if key in dropped:
                continue
            wall, rc, out = run(argv, timeout=60, console=console)
            s = samples.setdefault(key, {"wall": [], "boot_us": [],
                                         "boot_tsc": [], "bad": 0,
                                         "derived": False})
            if wall is None or not good(rc, out):
                s["bad"] += 1
                # A case that cannot boot at all is not retried 7 times.
                if rc in (124, 125) and not s["wall"]:
                    dropped[key] = ("KVM internal error" if rc == 125
                                    else "no exit within 60 s")
                    note("%s %s %s: %s, dropped" % (accel, m, what,
                                                    dropped[key]))
                continue
            s["wall"].append(wall * 1000.0)
            if what == "genpvh":
                tsc = float(report_val(out, "boot_tsc"))
                us = report_val(out, "boot_us")
                if us and us.isdigit():
                    s["boot_us"].append(float(us))
                elif accel == "tcg" and khz:
                    # Derived, not measured: microvm under TCG has no
                    # timer to measure the TSC with; the rate is the one
                    # genpvh measured in a separate pc boot.
                    s["boot_us"].append(tsc * 1000.0 / khz)
                    s["derived"] = True
                s["boot_tsc"].append(tsc)
    for (accel, m, what), s in samples.items():
        results.setdefault("qemu", {}).setdefault(accel, {}).setdefault(
            m, {})[what] = {"wall_ms": stats(s["wall"]),
                            "boot_us": stats(s["boot_us"]),
                            "boot_tsc": stats(s["boot_tsc"]),
                            "boot_us_derived": s["derived"],
                            "failed_runs": s["bad"],
                            "dropped": dropped.get((accel, m, what))}


def bench_icount(results):
    """Instructions from PVH entry to end of boot, deterministic."""
    for m in MACHINES:
        counts = []
        for _ in range(3):
            dbg = os.path.join(LOG, "icount-%s.log" % m)
            wall, rc, out = run(qemu_argv(
                "tcg", m, KERNEL, "quiet",
                extra=["-icount", "shift=0", "-debugcon", "file:" + dbg]),
                console=dbg)
            v = (report_val(out, "boot_tsc") if rc == QEXIT_SUCCESS and
                 "Test result: SUCCESS" in out else None)
            counts.append(int(v) if v else None)
        results.setdefault("icount", {})[m] = {
            "insns": stats(counts),
            "repeatable": len(set(counts)) == 1 and counts[0] is not None}


def bench_size(results):
    results["size"] = {"stripped_bytes": os.path.getsize(KERNEL),
                       "null_bytes": os.path.getsize(NULL)}


def bench_min_mem(results):
    """Smallest -m in MiB with which test=all succeeds, per machine.
    2 MiB is the floor by construction: the kernel is loaded at 1 MiB."""
    out_m = {}
    for m in MACHINES:
        best = None
        for mib in [16, 8, 4, 3, 2]:
            dbg = os.path.join(LOG, "mem-%s-%d.log" % (m, mib))
            wall, rc, out = run(qemu_argv(
                "tcg", m, KERNEL, "quiet test=all", mem="%dM" % mib,
                extra=["-debugcon", "file:" + dbg]), timeout=30, console=dbg)
            if rc == QEXIT_SUCCESS and "Test result: SUCCESS" in out:
                best = mib
            else:
                break
        out_m[m] = best
    results["min_mem_mib"] = out_m


def bench_external(results, name, script):
    """A harness's --bench mode: lines "bench: key=value ..."."""
    path = os.path.join(ROOT, script)
    if not os.access(path, os.X_OK):
        note("%s: %s not in this tree, skipped" % (name, script))
        return
    try:
        p = subprocess.run([path, "--bench", str(RUNS)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=3600)
    except subprocess.TimeoutExpired:
        note("%s: timed out" % name)
        return
    text = p.stdout.decode(errors="replace")
    with open(os.path.join(LOG, name + ".log"), "w") as f:
        f.write(text)
    rows = []
    for line in text.splitlines():
        if line.startswith("bench: "):
            rows.append(dict(kv.split("=", 1) for kv in line[7:].split()
                             if "=" in kv))
    if p.returncode != 0:
        note("%s: exit %d; the rows it gave are kept (log: %s)" % (
            name, p.returncode, os.path.join(LOG, name + ".log")))
    # One entry per (machine, kernel): each numeric field as median/min/max.
    groups = {}
    for r in rows:
        key = "%s/%s" % (r.get("machine", "-"), r.get("kernel", "?"))
        g = groups.setdefault(key, {})
        for k, v in r.items():
            if k in ("env", "machine", "kernel", "run"):
                continue
            try:
                g.setdefault(k, []).append(float(v))
            except ValueError:
                pass
    results[name] = {key: {k: stats(v) for k, v in g.items()}
                     for key, g in groups.items()}
    results[name + "_exit"] = p.returncode


def fmt(s, unit="", scale=1.0, digits=1):
    if not s:
        return "-"
    return "%.*f%s [%.*f-%.*f]" % (digits, s["median"] * scale, unit, digits,
                                   s["min"] * scale, digits,
                                   s["max"] * scale)


def table(results):
    lines = ["genpvh bench: commit %s, %s, %d CPUs, %s; %d runs per case" % (
        results["commit"], results["host"], results["cpus"],
        results["date"], RUNS)]
    if results.get("kvm_args"):
        lines.append("KVM runs: %s (the KVM probe's choice)"
                     % results["kvm_args"])
    q = results.get("qemu", {})
    for accel, machines in q.items():
        lines.append("")
        lines.append("QEMU %s, QEMU process start -> exit (ms; median [min-max]"
                     " of %d runs)" % (accel_label(accel), RUNS))
        lines.append("%-9s %-22s %-22s %-22s %-9s %-9s %s" % (
            "machine", "null PVH kernel", "genpvh", "Linux+busybox",
            "g/null", "g/Linux", "genpvh boot_us (entry->end of boot)"))
        lines.append("(Linux: console=ttyS0 quiet panic=-1, no calibration "
                     "help; a run is counted only with QEMU's exit status "
                     "33 for genpvh and null, 0 for Linux)")
        for m, r in machines.items():
            n = r.get("null", {}).get("wall_ms")
            g = r.get("genpvh", {}).get("wall_ms")
            li = r.get("linux", {}).get("wall_ms")
            ratio_n = "%.2f" % (g["median"] / n["median"]) if g and n else "-"
            ratio_l = "%.3f" % (g["median"] / li["median"]) if g and li else "-"
            bu = r.get("genpvh", {}).get("boot_us")
            bt = r.get("genpvh", {}).get("boot_tsc")
            derived = r.get("genpvh", {}).get("boot_us_derived")
            bad = ", ".join("%s %d failed" % (k, r[k]["failed_runs"])
                            for k in ("null", "genpvh", "linux")
                            if r.get(k, {}).get("failed_runs"))
            lines.append("%-9s %-22s %-22s %-22s %-9s %-9s %s%s%s" % (
                m, fmt(n), fmt(g), fmt(li), ratio_n, ratio_l,
                fmt(bu, " us", digits=0) if bu else
                "unknown TSC rate; %s ticks" % fmt(bt, digits=0),
                " (derived: boot_tsc / the TSC rate genpvh measured in a "
                "separate TCG pc boot)" if bu and derived else "",
                " [%s]" % bad if bad else ""))
    if "icount" in results:
        lines.append("")
        lines.append("Instructions, PVH entry -> end of boot "
                     "(TCG -icount shift=0; each iteration of a rep "
                     "string instruction counts as one)")
        for m, r in results["icount"].items():
            i = r["insns"]
            lines.append("%-9s %s%s" % (m, "%d" % i["median"] if i else "-",
                                        " (same in every run)"
                                        if r["repeatable"] else
                                        " (varied: %s)" % fmt(i, digits=0)))
    if "size" in results:
        lines.append("")
        lines.append("Stripped image: genpvh %d bytes (%.1f KiB); null "
                     "kernel %d bytes" % (
                         results["size"]["stripped_bytes"],
                         results["size"]["stripped_bytes"] / 1024.0,
                         results["size"]["null_bytes"]))
    if "min_mem_mib" in results:
        lines.append("Smallest -m for test=all (TCG): " + ", ".join(
            "%s %s MiB" % (m, v if v is not None else "-")
            for m, v in results["min_mem_mib"].items()))
    n = results.get("nested")
    if n:
        lines.append("")
        lines.append("Real KVM, nested (L2 under Linux's KVM in an L1 under "
                     "TCG): median [min-max]")
        lines.append("%-20s %-24s %-22s %-18s %-16s %-18s %s" % (
            "machine/kernel", "L2 QEMU start->exit ms", "boot_us",
            "exits: whole run", "in the kernel", "boot (to marker)",
            "ap_us"))
        for key in sorted(n):
            g = n[key]
            lines.append("%-20s %-24s %-22s %-18s %-16s %-18s %s" % (
                key, fmt(g.get("wall_ms")), fmt(g.get("boot_us"), digits=0),
                fmt(g.get("exits_total"), digits=0),
                fmt(g.get("exits_guest"), digits=0),
                fmt(g.get("exits_boot"), digits=0),
                fmt(g.get("ap_us"), digits=0)))
        lines.append("(boot: genpvh's exits from its entry to its end-of-boot "
                     "stamp, counted by L1 up to the CPUID 0x4fffffff marker "
                     "genpvh gives there with `exitmark`; genpvh: quiet, "
                     "genpvh-default: a default boot on port 0xe9, "
                     "genpvh-vcons: a default boot on a virtio-console; genpvh-4cpu: "
                     "-smp 4, the APs started after that stamp, in ap_us)")
        # The batched console's goal: a default boot within 2x the exits
        # of a quiet one (README, Consoles).
        for m in sorted({k.split("/")[0] for k in n}):
            q = n.get(m + "/genpvh", {}).get("exits_boot")
            for k in ("genpvh-default", "genpvh-vcons"):
                d = n.get("%s/%s" % (m, k), {}).get("exits_boot")
                if q and d and q["median"] > 0:
                    lines.append("%s/%s: %.0f exits to the end of boot, "
                                 "%.2fx the quiet boot's %.0f" % (
                                     m, k, d["median"],
                                     d["median"] / q["median"], q["median"]))
    x = results.get("xen")
    if x:
        lines.append("")
        lines.append("Xen 4.17 under TCG, PVH domU: dom0's `xl create` -> "
                     "guest's end of boot, ms: median [min-max]")
        for key in sorted(x):
            g = x[key]
            lines.append("%-18s create->boot %-26s boot_us %s" % (
                key.split("/")[-1], fmt(g.get("create_to_boot_ms")),
                fmt(g.get("boot_us"), digits=0)))
    return "\n".join(lines)


def chart(results, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        note("no matplotlib (python3-matplotlib): no chart")
        return
    q = results.get("qemu", {})
    groups, labels = [], []
    for accel, machines in q.items():
        for m, r in machines.items():
            groups.append(r)
            labels.append("%s\n%s" % (accel_label(accel), m))
    if not groups:
        return
    kinds = [("null", "null PVH kernel", "#999999"),
             ("genpvh", "genpvh", "#d9534f"),
             ("linux", "Linux + busybox", "#5b9bd5")]
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(14, 4.8),
                                  gridspec_kw={"width_ratios": [3, 2]})
    width = 0.27
    for k, (what, label, colour) in enumerate(kinds):
        xs, ys, lo, hi = [], [], [], []
        for i, r in enumerate(groups):
            s = r.get(what, {}).get("wall_ms")
            if not s:
                continue
            xs.append(i + (k - 1) * width)
            ys.append(s["median"])
            lo.append(s["median"] - s["min"])
            hi.append(s["max"] - s["median"])
        ax.bar(xs, ys, width, yerr=[lo, hi], label=label, color=colour,
               capsize=3)
    ax.set_yscale("log")
    ax.set_ylabel("QEMU start -> exit (ms, log scale)")
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(labels)
    ax.set_title("QEMU start -> exit: median of %d runs, bars min-max" % RUNS)
    ax.legend(loc="upper left", fontsize=8)

    # The guest's own boot time where it runs.
    envs = []
    for accel, machines in q.items():
        for m, r in machines.items():
            envs.append(("%s %s" % (accel_label(accel), m),
                         r.get("genpvh", {}).get("boot_us")))
    for key, g in sorted(results.get("nested", {}).items()):
        if key.endswith("/genpvh"):
            envs.append(("nested KVM\n%s" % key.split("/")[0],
                         g.get("boot_us")))
    for key, g in sorted(results.get("xen", {}).items()):
        if key.endswith("/genpvh"):
            envs.append(("Xen domU", g.get("boot_us")))
    envs = [(n, s) for n, s in envs if s]
    ys = [s["median"] / 1000.0 for n, s in envs]
    lo = [(s["median"] - s["min"]) / 1000.0 for n, s in envs]
    hi = [(s["max"] - s["median"]) / 1000.0 for n, s in envs]
    ax2.bar(range(len(envs)), ys, yerr=[lo, hi], color="#d9534f", capsize=3)
    ax2.set_xticks(range(len(envs)))
    ax2.set_xticklabels([n for n, s in envs], rotation=45, ha="right",
                        fontsize=8)
    ax2.set_ylabel("ms")
    ax2.set_title("genpvh boot_us: PVH entry -> end of boot")
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main():
    os.makedirs(LOG, exist_ok=True)
    for f in (KERNEL, NULL):
        if not os.path.exists(f):
            sys.exit("bench: %s missing (make bench builds it)" % f)
    if not shutil.which(QEMU):
        sys.exit("bench: %s not found" % QEMU)
    results = {"commit": commit(), "runs": RUNS,
               "host": os.uname().nodename,
               "cpus": os.cpu_count(), "date": time.strftime(
                   "%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    if want("qemu"):
        bench_qemu(results)
    if want("icount"):
        bench_icount(results)
    if want("size"):
        bench_size(results)
    if want("mem"):
        bench_min_mem(results)
    if want("nested"):
        bench_external(results, "nested", "kvm-tests/nested")
    if want("xen"):
        bench_external(results, "xen", "xen-tests/run")
    with open(os.path.join(BUILD, "bench.json"), "w") as f:
        json.dump(results, f, indent=1)
    chart(results, os.path.join(BUILD, "bench.png"))
    print(table(results))
    print("\nbench: wrote %s and %s" % (os.path.join(BUILD, "bench.json"),
                                        os.path.join(BUILD, "bench.png")))


if __name__ == "__main__":
    main()
