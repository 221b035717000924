/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The CMOS RTC as a wall clock, ranked last: only where no hypervisor
 * offers its own (QEMU's TCG; a PVH guest on Xen has no RTC, and KVM's
 * wall-clock MSR is better).  It is read only when asked, after the end
 * of boot: every port access is an exit under a hypervisor.
 *
 * Hazards: the registers change during the once-a-second update (read
 * when UIP is clear, and twice until both readings agree); a machine
 * without an RTC (QEMU microvm under KVM unless rtc=on, a Xen PVH
 * domain) reads 0xff everywhere: status A then shows UIP for ever, so
 * 0xff there ends the read at once instead of after RTC_UIP_POLLS exits
 * (200 000 port exits, 13 s under nested KVM, before this check); the
 * century is not in a standard register (its index is in the FADT), so
 * two-digit years 70-99 are 19xx and 00-69 20xx, as in FreeBSD's and
 * Linux's drivers.
 */
#include <sys/clock.h>
#include <sys/systm.h>

#include <machine/cpufunc.h>
#include <machine/rtc.h>

#define RTC_UIP_POLLS	100000	/* UIP lasts < 2 ms; each poll is an exit */
#define RTC_ABSENT	0xff	/* what a port without a device reads */
#define RTC_READ_TRIES	5	/* readings to get two that agree */
#define RTC_PIVOT_YEAR	70	/* 70-99 -> 1970-1999, 00-69 -> 2000-2069 */

struct rtc_time {
	uint8_t		sec, min, hour, day, month, year, status_b;
};

static uint8_t
rtc_reg(uint8_t reg)
{
	outb(RTC_INDEX_PORT, reg);
	return inb(RTC_DATA_PORT);
}

static bool
rtc_sample(struct rtc_time *t)
{
	unsigned i;
	uint8_t a;

	for (i = 0; i < RTC_UIP_POLLS; i++) {
		a = rtc_reg(RTC_STATUS_A);
		if (a == RTC_ABSENT)
			return false;
		if ((a & RTC_A_UIP) == 0)
			break;
	}
	if (i == RTC_UIP_POLLS)
		return false;
	t->sec = rtc_reg(RTC_SEC);
	t->min = rtc_reg(RTC_MIN);
	t->hour = rtc_reg(RTC_HOUR);
	t->day = rtc_reg(RTC_DAY);
	t->month = rtc_reg(RTC_MONTH);
	t->year = rtc_reg(RTC_YEAR);
	t->status_b = rtc_reg(RTC_STATUS_B);
	return true;
}

/* A BCD byte, or -1 if a nibble is not a decimal digit. */
static int
bcd(uint8_t v)
{
	if ((v & 0xf) > 9 || (v >> 4) > 9)
		return -1;
	return (v >> 4) * 10 + (v & 0xf);
}

static int
field(uint8_t v, bool binary)
{
	return binary ? v : bcd(v);
}

static bool
rtc_read(uint64_t *sec, uint32_t *nsec)
{
	struct rtc_time a, b;
	bool binary, pm;
	int s, mi, h, d, mo, y;
	unsigned tries;

	for (tries = 0; tries < RTC_READ_TRIES; tries++) {
		if (!rtc_sample(&a) || !rtc_sample(&b))
			return false;
		if (memcmp(&a, &b, sizeof(a)) == 0)
			break;
	}
	if (tries == RTC_READ_TRIES)
		return false;
	binary = (a.status_b & RTC_B_BINARY) != 0;
	pm = !(a.status_b & RTC_B_24H) && (a.hour & RTC_HOUR_PM);
	s = field(a.sec, binary);
	mi = field(a.min, binary);
	h = field(a.hour & (uint8_t)~(a.status_b & RTC_B_24H ? 0 :
	    RTC_HOUR_PM), binary);
	d = field(a.day, binary);
	mo = field(a.month, binary);
	y = field(a.year, binary);
	if (!(a.status_b & RTC_B_24H) && h >= 1 && h <= 12)
		h = h % 12 + (pm ? 12 : 0);
	if (s < 0 || s > 59 || mi < 0 || mi > 59 || h < 0 || h > 23 ||
	    d < 1 || d > 31 || mo < 1 || mo > 12 || y < 0 || y > 99)
		return false;
	y += y >= RTC_PIVOT_YEAR ? 1900 : 2000;
	*sec = (uint64_t)days_from_civil(y, (unsigned)mo, (unsigned)d) *
	    86400 + (uint64_t)h * 3600 + (uint64_t)mi * 60 + (uint64_t)s;
	*nsec = 0;
	return true;
}

static const struct wallclock rtc_wallclock = {
	.name = "rtc",
	.rank = WALLCLOCK_RANK_RTC,
	.read = rtc_read,
};

void
rtc_init(void)
{
	wallclock_register(&rtc_wallclock);
}
