# SPDX-License-Identifier: BSD-2-Clause
# tests/lib.sh: shared by every harness (tests/, kvm-tests/, xen-tests/,
# tools/boottrace) and, through tools/kvm-probe, by tools/bench/bench.py.
# Source it; it never exits on its own.
#
# TAP out, exit statuses in: a harness prints one "ok"/"not ok" line per
# case and ends with tap_end, which exits 0 (all passed; known failures
# marked TODO aside), 77 (all skipped), 124 (every failure was a timeout)
# or 1.  Guest output never
# goes to stdout (its own TAP lines would mix with ours): it is kept in
# build/logs/<suite>/ and quoted as "#" lines when a case fails.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
KERNEL=${KERNEL:-$BUILD/genpvh}
QEMU=${QEMU:-qemu-system-x86_64}
# A virtio-serial device for `-device virtconsole,chardev=ID` (microvm
# only: it sits on a virtio-mmio transport).  QEMU 7.2 makes microvm's
# transports legacy (version 1) unless told otherwise; genpvh drives
# version 2 only.
VIRTIO_CONSOLE_ARGS=(-global virtio-mmio.force-legacy=false
    -device virtio-serial-device)

# QEMU's exit status for each kernel exit code: (code << 1) | 1, from
# sys/sys/exitcode.h.  QEMU itself exits 1 when it cannot start.
QEXIT_SUCCESS=33
QEXIT_FAILURE=35
QEXIT_PANIC=37
QEXIT_SKIP=39

TAP_N=0
TAP_PASSED=0
TAP_FAILED=0
TAP_SKIPPED=0
TAP_TIMEOUTS=0
TAP_TODO=0

tap_ok() {
	TAP_N=$((TAP_N + 1))
	TAP_PASSED=$((TAP_PASSED + 1))
	echo "ok $TAP_N - $1"
}

# tap_quote N LOG...: the last N lines of each non-empty log, as "#" lines.
tap_quote() {
	local n=$1 f
	shift
	for f in "$@"; do
		[ -s "$f" ] || continue
		echo "#   --- last lines of $f"
		tail -n "$n" "$f" | sed 's/^/#   /'
	done
}

# ms NS: nanoseconds as milliseconds with one decimal.
ms() {
	printf '%d.%d' $(($1 / 1000000)) $(($1 / 100000 % 10))
}

# tap_fail DESC REASON [LOG...]: quote the tail of each log.
tap_fail() {
	local desc=$1 reason=$2
	shift 2
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	case $reason in
	timeout*) TAP_TIMEOUTS=$((TAP_TIMEOUTS + 1)) ;;
	esac
	echo "not ok $TAP_N - $desc # $reason"
	tap_quote 25 "$@"
}

tap_skip() {
	TAP_N=$((TAP_N + 1))
	TAP_SKIPPED=$((TAP_SKIPPED + 1))
	echo "ok $TAP_N - $1 # SKIP $2"
}

# genpvh_strict: true under GENPVH_STRICT=1 (.ci/run), where what this
# machine lacks is a failure, not a skip (tools/run-suites says more).
genpvh_strict() {
	case ${GENPVH_STRICT:-} in
	''|0) return 1 ;;
	esac
}

# tap_skip_env DESC REASON: a skip because this machine lacks something
# (a package, a hypervisor): a skip with make test, a failure in strict
# mode.  A skip that is the test's own verdict (a feature the guest does
# not have) stays tap_skip.
tap_skip_env() {
	if genpvh_strict; then
		tap_fail "$1" "strict mode (GENPVH_STRICT=$GENPVH_STRICT): cannot run here: $2"
	else
		tap_skip "$1" "$2"
	fi
}

# tap_todo DESC REASON [LOG...]: a known failure that is not ours (a
# hypervisor's bug): TAP's "not ok ... # TODO", counted apart, never a pass.
tap_todo() {
	local desc=$1 reason=$2
	shift 2
	TAP_N=$((TAP_N + 1))
	TAP_TODO=$((TAP_TODO + 1))
	echo "not ok $TAP_N - $desc # TODO $reason"
	tap_quote 10 "$@"
}

tap_diag() {
	echo "# $*"
}

tap_end() {
	echo "1..$TAP_N"
	[ "$TAP_TODO" -gt 0 ] && echo "# $TAP_TODO known failure(s), marked TODO"
	if [ "$TAP_FAILED" -gt 0 ]; then
		[ "$TAP_FAILED" = "$TAP_TIMEOUTS" ] && exit 124
		exit 1
	fi
	[ "$TAP_PASSED" = 0 ] && [ "$TAP_SKIPPED" -gt 0 ] && exit 77
	exit 0
}

# log_dir SUITE: where this suite's logs go (made empty).
log_dir() {
	LOGDIR=$BUILD/logs/$1
	rm -rf "$LOGDIR"
	mkdir -p "$LOGDIR"
}

# ---- the KVM probe: one place decides how this host runs KVM ----------
# Hosts differ (see README, "Running on KVM"): on some PVM hosts (kvm_pvm)
# QEMU aborts at start with -cpu host ("failed to set MSR 0x10a to 0x69",
# status 134) while -cpu host,-arch-capabilities and QEMU's default model
# boot.  So the probe boots build/genpvh with each CPU model below, in
# order, to its "Test result:" line, and every KVM run here (make run,
# kvm-tests/nested's direct cases, tools/boottrace, make bench) uses the
# first that does; TCG only when none does.  "" is QEMU's default model
# (qemu64 for qemu-system-x86_64).
KVM_CPU_MODELS=("host" "host,-arch-capabilities" "")
KVM_DEV=${KVM_DEV:-/dev/kvm}		# a test points this at a plain file
KVM_PROBE_TIMEOUT=${KVM_PROBE_TIMEOUT:-30}	# a probe boot takes < 0.1 s on KVM
# The answer is kept for the run in this file, with the key it was found
# under (QEMU binary, kernel, /dev/kvm, host boot); it is probed again
# when the key changes or the file is an hour old.  Remove it to re-probe.
KVM_PROBE_CACHE=${KVM_PROBE_CACHE:-$BUILD/kvm-probe}

# kvm_probe_key: what the answer depends on.
kvm_probe_key() {
	local q
	q=$(command -v "$QEMU" 2>/dev/null) && q=$(readlink -f "$q")
	echo "qemu=${q:-$QEMU}:$(stat -c %s:%Y "${q:-/nonexistent}" 2>/dev/null)" \
	    "kernel=$(stat -c %s:%Y "$KERNEL" 2>/dev/null)" \
	    "dev=$KVM_DEV:$(stat -c %t:%T:%Y "$KVM_DEV" 2>/dev/null)" \
	    "boot=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)"
}

# kvm_try_cpu MODEL: boot the kernel under KVM with -cpu MODEL ("" for
# the default) to its result line.  Returns 0 if it got there; else sets
# PROBE_WHY to what happened instead.
kvm_try_cpu() {
	local model=$1 dir log host pid rc first
	dir=$(mktemp -d "${TMPDIR:-/tmp}/genpvh-kvm-probe.XXXXXX")
	log=$dir/console.log host=$dir/qemu.log
	timeout --kill-after=5 "$KVM_PROBE_TIMEOUT" "$QEMU" -accel kvm \
	    ${model:+-cpu "$model"} -M microvm -m 64M -nodefaults \
	    -no-user-config -display none -kernel "$KERNEL" \
	    -append "quiet test=none" -debugcon "file:$log" \
	    -device isa-debug-exit,iobase=0xf4,iosize=4 \
	    </dev/null >"$host" 2>&1 &
	pid=$!
	wait_qemu_kvm "$pid" "$host" "$KVM_PROBE_TIMEOUT"
	rc=$BOOT_RC
	if grep -q '^Test result: ' "$log" 2>/dev/null; then
		rm -rf "$dir"
		return 0
	fi
	# QEMU's own error line if it gave one, else its first line
	first=$(grep -m1 -iE 'error|failed|assert' "$host" 2>/dev/null ||
	    grep -m1 -v '^[[:space:]]*$' "$host" 2>/dev/null)
	first=$(echo "$first" | cut -c1-160)
	if grep -q 'KVM internal error' "$host" 2>/dev/null; then
		PROBE_WHY="KVM internal error (guest stopped)"
	elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		PROBE_WHY="no result line within $KVM_PROBE_TIMEOUT s"
	else
		PROBE_WHY="QEMU exit $rc, no result line${first:+ ($first)}"
	fi
	rm -rf "$dir"
	return 1
}

# kvm_probe: print, on one line, the QEMU arguments that select the
# accelerator and CPU model every KVM-capable run on this host uses:
# "-accel kvm -cpu MODEL", "-accel kvm" (QEMU's default model) or
# "-accel tcg".  Says on stderr which it chose and why.  Callers split
# the line into words (no argument holds a space).
kvm_probe() {
	local key model args="" why="" tmp line
	key=$(kvm_probe_key)
	if [ -f "$KVM_PROBE_CACHE" ] &&
	    [ -z "$(find "$KVM_PROBE_CACHE" -mmin +60 2>/dev/null)" ] &&
	    [ "$(sed -n 1p "$KVM_PROBE_CACHE")" = "key $key" ]; then
		args=$(sed -n 's/^args //p' "$KVM_PROBE_CACHE")
		echo "genpvh: KVM probe (cached in $KVM_PROBE_CACHE): $(sed -n 's/^why //p' "$KVM_PROBE_CACHE")" >&2
		echo "$args"
		return 0
	fi
	if [ ! -e "$KVM_DEV" ]; then
		args="-accel tcg" why="TCG: $KVM_DEV absent"
	elif [ ! -w "$KVM_DEV" ]; then
		args="-accel tcg" why="TCG: $KVM_DEV not writable by $(id -un)"
	elif ! command -v "$QEMU" >/dev/null 2>&1; then
		args="-accel tcg" why="TCG: $QEMU not found"
	elif [ ! -f "$KERNEL" ]; then
		# Not cached: the next call, after make, probes for real.
		echo "genpvh: KVM probe: no $KERNEL to probe with: TCG" >&2
		echo "-accel tcg"
		return 0
	else
		for model in "${KVM_CPU_MODELS[@]}"; do
			line="-cpu $model"
			[ -n "$model" ] || line="QEMU's default CPU model (no -cpu)"
			# 2>/dev/null: the shell's own "Aborted" line when
			# QEMU aborts (the reason is kept in PROBE_WHY)
			if kvm_try_cpu "$model" 2>/dev/null; then
				args="-accel kvm${model:+ -cpu $model}"
				why="${why}$line boots genpvh to its result line: KVM with it"
				break
			fi
			why="$why$line: $PROBE_WHY; "
		done
		[ -n "$args" ] || args="-accel tcg" why="${why}TCG: no CPU model boots under KVM"
	fi
	echo "genpvh: KVM probe: $why" >&2
	mkdir -p "$(dirname "$KVM_PROBE_CACHE")"
	tmp=$KVM_PROBE_CACHE.$$
	printf 'key %s\nargs %s\nwhy %s\n' "$key" "$args" "$why" >"$tmp" &&
	    mv -f "$tmp" "$KVM_PROBE_CACHE"
	echo "$args"
}

# kvm_select: run the probe once and set ACCEL (kvm or tcg), KVM_CPU (the
# model, "" for QEMU's default) and ACCEL_ARGS (an array for QEMU).
kvm_select() {
	read -ra ACCEL_ARGS <<<"$(kvm_probe)"
	ACCEL=${ACCEL_ARGS[1]:-tcg}
	KVM_CPU=${ACCEL_ARGS[3]:-}
}

# kvm_cpu_with FEATURES: the probed model with FEATURES (",kvmclock=off")
# added; QEMU's default model must then be named: qemu64.
kvm_cpu_with() {
	echo "${KVM_CPU:-qemu64}$1"
}

# qemu_boot NAME TIMEOUT ACCEL MACHINE MEM APPEND [QEMU ARGS...]
# Boots the kernel with port 0xe9 going to $LOGDIR/NAME.log and QEMU's own
# messages to NAME.host; sets BOOT_RC (124 on timeout) and BOOT_LOG.
qemu_boot() {
	local name=$1 secs=$2 accel=$3 machine=$4 mem=$5 append=$6
	shift 6
	BOOT_LOG=$LOGDIR/$name.log
	BOOT_HOST=$LOGDIR/$name.host
	timeout --kill-after=5 "$secs" "$QEMU" -accel "$accel" -M "$machine" \
	    -m "$mem" -nodefaults -no-user-config -display none \
	    -kernel "$KERNEL" -append "$append" \
	    -debugcon "file:$BOOT_LOG" \
	    -device isa-debug-exit,iobase=0xf4,iosize=4 "$@" \
	    </dev/null >"$BOOT_HOST" 2>&1
	BOOT_RC=$?
}

# build_inject NAME DEFINE: build the kernel with the fault injection
# DEFINE (GENPVH_INJECT_..., checked in the kernel source) into
# build/inject-NAME/, never build/ (Makefile KDEFS); make's output in
# $LOGDIR/inject-NAME.build.  Sets INJECT_KERNEL and INJECT_BUILD_LOG;
# returns make's status.
build_inject() {
	INJECT_KERNEL=$BUILD/inject-$1/genpvh
	INJECT_BUILD_LOG=$LOGDIR/inject-$1.build
	make -s -C "$ROOT" B="$BUILD/inject-$1" KDEFS="-D$2" "$INJECT_KERNEL" \
	    >"$INJECT_BUILD_LOG" 2>&1
}

# zlib_crc32 FILE [BYTES]: zlib's CRC-32 (the guest's crc32=) of FILE, or
# of its first BYTES, as 8 hex digits.
zlib_crc32() {
	/usr/bin/python3 -c 'import sys, zlib; n = int(sys.argv[2]) if len(sys.argv) > 2 else -1; print("%08x" % zlib.crc32(open(sys.argv[1], "rb").read(n)))' "$@"
}

# report_val LOG KEY: the value of KEY in the log's report line.
report_val() {
	sed -n 's/^report:.* '"$2"'=\([^ ]*\).*/\1/p' "$1" | head -n 1
}

# result_of LOG: SUCCESS, SKIP, ERROR, FAILURE, or "none".
result_of() {
	local n r
	n=$(grep -c '^Test result: ' "$1" 2>/dev/null)
	r=$(sed -n 's/^Test result: \([A-Z]*\)$/\1/p' "$1" 2>/dev/null | head -n 1)
	if [ "${n:-0}" -gt 1 ]; then
		echo "several"
	else
		echo "${r:-none}"
	fi
}

# expect_boot DESC WANT_RESULT WANT_RC [CHECK...]: one TAP line for the
# last boot.  BOOT_STATUS_NAME names what BOOT_RC is in messages (default
# "QEMU exit"; a Xen domU's is its shutdown reason).  Each CHECK is "key=value" (report key must equal value),
# "key~regex" (report key must match), "/regex/" (a log line must match)
# or "!/regex/" (no log line may match).
expect_boot() {
	local desc=$1 want=$2 want_rc=$3 got c key val why=""
	shift 3
	got=$(result_of "$BOOT_LOG")
	if [ "$BOOT_RC" = 124 ] && [ "$want_rc" != 124 ]; then
		why="timeout (no exit)"
	elif [ "$got" != "$want" ]; then
		why="Test result: $got, want $want (${BOOT_STATUS_NAME:-QEMU exit} $BOOT_RC)"
	elif [ "$BOOT_RC" != "$want_rc" ]; then
		why="${BOOT_STATUS_NAME:-QEMU exit} $BOOT_RC, want $want_rc"
	fi
	for c in "$@"; do
		[ -n "$why" ] && break
		case $c in
		'!/'*)	c=${c#!/}; c=${c%/}
			grep -Eq -- "$c" "$BOOT_LOG" && why="log has /$c/" ;;
		/*)	c=${c#/}; c=${c%/}
			grep -Eq -- "$c" "$BOOT_LOG" || why="log lacks /$c/" ;;
		*=*)	key=${c%%=*}; val=${c#*=}
			[ "$(report_val "$BOOT_LOG" "$key")" = "$val" ] ||
			    why="$key=$(report_val "$BOOT_LOG" "$key"), want $val" ;;
		*~*)	key=${c%%~*}; val=${c#*~}
			[[ "$(report_val "$BOOT_LOG" "$key")" =~ ^($val)$ ]] ||
			    why="$key=$(report_val "$BOOT_LOG" "$key"), want ~$val" ;;
		esac
	done
	if [ -z "$why" ]; then
		tap_ok "$desc"
	else
		tap_fail "$desc" "$why" "$BOOT_LOG" "$BOOT_HOST"
	fi
}

# wait_qemu_kvm PID HOSTLOG SECS: wait for a QEMU running on KVM, but end
# it at once if its messages say "KVM internal error": QEMU then stops
# the guest and waits forever (seen on PVM hosts at int3).  Sets BOOT_RC.
wait_qemu_kvm() {
	local pid=$1 host=$2 secs=$3 i
	for ((i = 0; i < secs * 10; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		if grep -q 'KVM internal error' "$host" 2>/dev/null; then
			kill "$pid" 2>/dev/null
			break
		fi
		sleep 0.1
	done
	wait "$pid"
	BOOT_RC=$?
}
