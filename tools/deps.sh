#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# tools/deps.sh GROUP...: make sure the Debian packages a make target needs
# are installed.  As root, missing ones are installed with apt-get; as
# anyone else, the exact apt-get line is printed and the script fails.
set -eu

packages() {
	case "$1" in
	build)	echo gcc clang binutils make libxen-dev perl ;;
	qemu)	echo qemu-system-x86 qemu-system-data python3 ;;
	fuzz)	echo clang libclang-rt-14-dev ;;
	xen)	echo xen-hypervisor-4.17-amd64 xen-utils-4.17 xenstore-utils ;;
	linux)	echo linux-image-amd64 busybox-static cpio gzip kmod python3 ;;
	bench)	echo python3-matplotlib ;;
	check)	echo libxml2-utils python3 ;;
	*)	echo "tools/deps.sh: unknown group '$1'" >&2; exit 2 ;;
	esac
}

installed() {
	dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null |
	    grep -qx installed
}

# An unknown group is an error here, not in $(packages ...) below, where
# its exit would be lost.
for group in "$@"; do
	packages "$group" >/dev/null || exit 2
done

missing=""
for group in "$@"; do
	for pkg in $(packages "$group"); do
		installed "$pkg" && continue
		case " $missing " in
		*" $pkg "*) ;;
		*) missing="$missing $pkg" ;;
		esac
	done
done
[ -z "$missing" ] && exit 0

line="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "genpvh: missing Debian packages; as root, run:" >&2
	echo "  $line" >&2
	exit 1
fi
echo "genpvh: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet.
apt-get update -q >&2 || true
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $missing >&2
