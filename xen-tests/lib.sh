# SPDX-License-Identifier: BSD-2-Clause
# xen-tests/lib.sh: Xen under QEMU, shared by xen-tests/run and
# xen-tests/boot.  Source after tests/lib.sh.
#
# Xen runs under QEMU's TCG (no hardware virtualisation needed), with the
# one CPU model found to work: +npt or Xen cannot build a PVH
# domain, +rdrand or a Linux dom0 waits seconds for entropy.  Xen is
# booted as a multiboot kernel; its modules come from -initrd, separated
# by commas (a literal comma is ",,").

XEN_CPU=${XEN_CPU:-qemu64,+svm,+npt,+rdrand}
XEN_CONSOLE_ARGS="console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all"
# Lines after which Xen has nothing more to do for us.  A PVH dom0 that
# powers off halts Xen rather than the machine ("halted"), so QEMU keeps
# running and is ended here by its PID.
XEN_DOM0_END='Hardware Dom0 (halted|crashed|shutdown)'
# A Linux dom0 whose /init dies panics ("Kernel panic - not syncing:
# Attempted to kill init!", and any other panic the same way) and then
# hangs: nothing more will come, so xen_qemu stops at once instead of
# waiting out its limit.  Only dom0's own lines count: a domU's console,
# which dom0 relays between "@@ job JOB console-begin/-end", may hold a
# guest Linux's panic.
XEN_DOM0_DEATH='Kernel panic - not syncing'

# xen_dom0_died SERIAL: print dom0's panic line, if there is one.
xen_dom0_died() {
	awk -v re="$XEN_DOM0_DEATH" '{ sub(/\r$/, "") }
	/^@@ job [^ ]* console-begin/ { domu = 1 }
	/^@@ job [^ ]* console-end/ { domu = 0; next }
	!domu && $0 ~ re { print; exit }' "$1" 2>/dev/null
}

xen_available() {
	[ -f /boot/xen-4.17-amd64.gz ] && command -v "$QEMU" >/dev/null
}

# xen_qemu NAME SECS MEM XEN_ARGS MODULES END_RE [show]
# Boot Xen with the given modules.  The serial line (Xen's console, and
# through it dom0's) goes to $LOGDIR/NAME.serial, and also to stdout with
# "show".  Returns when a line matches END_RE (QEMU is then ended), when
# dom0 has panicked (xen_dom0_died; QEMU is ended), when QEMU exits, or
# after SECS seconds.  Sets XEN_RC: 0 if END_RE was seen, 125 if dom0
# died (XEN_DIED is then its panic line, else empty), 124 on timeout,
# else QEMU's exit status; and XEN_LOG, the serial output without the
# carriage returns Xen's serial driver adds.
xen_qemu() {
	local name=$1 secs=$2 mem=$3 xargs=$4 modules=$5 endre=$6 show=${7:-}
	local pid deadline serial out=/dev/null raw=$LOGDIR/$name.serial
	XEN_LOG=$LOGDIR/$name.log
	: >"$raw"
	if [ -n "$show" ]; then
		serial="-chardev stdio,id=ser0,logfile=$raw -serial chardev:ser0"
		out=/dev/stdout
	else
		serial="-serial file:$raw"
	fi
	# One CPU for Xen: with two, QEMU 7.2's SVM emulation now and then
	# killed a domU that makes many exits in a row with a triple fault
	# it did not cause (3 of 6 domUs doing 2 000 000 intercepted rdtsc;
	# 0 of 5 with one CPU; docs/design.md).  Xen runs dom0's and every
	# domU's vCPUs on it, the SMP jobs too.
	# shellcheck disable=SC2086
	timeout --kill-after=5 "$((secs + 10))" "$QEMU" -accel tcg -M pc \
	    -cpu "$XEN_CPU" -smp 1 -m "$mem" -nodefaults -no-user-config \
	    -display none -no-reboot $serial \
	    -kernel "$XEN_DIR/xen" -append "$XEN_CONSOLE_ARGS $xargs" \
	    -initrd "$modules" -device isa-debug-exit,iobase=0xf4,iosize=4 \
	    </dev/null >"$out" 2>"$LOGDIR/$name.host" &
	pid=$!
	deadline=$((SECONDS + secs))
	XEN_RC= XEN_DIED=
	while kill -0 "$pid" 2>/dev/null; do
		if grep -Eq "$endre" "$raw"; then
			sleep 0.5	# let the rest of the line arrive
			XEN_RC=0
		elif XEN_DIED=$(xen_dom0_died "$raw") && [ -n "$XEN_DIED" ]; then
			sleep 1		# the rest of the panic message
			XEN_RC=125
		elif [ "$SECONDS" -ge "$deadline" ]; then
			XEN_RC=124
		else
			sleep 0.2
			continue
		fi
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		break
	done
	if [ -z "$XEN_RC" ]; then
		wait "$pid"
		XEN_RC=$?
		grep -Eq "$endre" "$raw" && XEN_RC=0
	fi
	tr -d '\r' <"$raw" >"$XEN_LOG"
}

# xen_prepare: build or reuse Xen, vmlinux and the dom0 initramfs
# (xen-tests/mkdom0); sets XEN_DIR.
xen_prepare() {
	XEN_DIR=$(timeout 300 "$ROOT/xen-tests/mkdom0") || return 1
}
