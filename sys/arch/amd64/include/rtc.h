/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PC's CMOS real-time clock (Motorola MC146818A; QEMU's
 * hw/rtc/mc146818rtc.c): an index port and a data port, time registers
 * in BCD or binary as status register B says.
 */
#ifndef _MACHINE_RTC_H_
#define _MACHINE_RTC_H_

#define RTC_INDEX_PORT	0x70
#define RTC_DATA_PORT	0x71

#define RTC_SEC		0x00
#define RTC_MIN		0x02
#define RTC_HOUR	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b

#define RTC_A_UIP	0x80	/* update in progress: registers changing */
#define RTC_B_24H	0x02	/* 24-hour mode (else 12, PM in bit 7) */
#define RTC_B_BINARY	0x04	/* binary (else BCD) */
#define RTC_HOUR_PM	0x80	/* in 12-hour mode */

/* rtc.c: offer the RTC as the wall clock of last resort. */
void	rtc_init(void);

#endif /* !_MACHINE_RTC_H_ */
