# kvm-tests/lib.sh: shared by every harness (kvm-tests/, xen-tests/,
# tests/kernel/).  Source it; it never exits on its own.
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

# kvm_usable: /dev/kvm exists and QEMU can really start a KVM guest.
kvm_usable() {
	[ -w /dev/kvm ] || return 1
	timeout 20 "$QEMU" -accel kvm -M microvm -nodefaults -no-user-config \
	    -display none -S -monitor none -serial none \
	    -kernel "$KERNEL" </dev/null >/dev/null 2>&1 &
	local pid=$!
	sleep 1
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		return 0
	fi
	wait "$pid" 2>/dev/null
	return 1
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
