/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPI ping-pong of t_smp.c (every ordered pair of CPUs), which
 * test=lifecycle also runs after each resume.
 */
#ifndef _TESTS_T_SMP_H_
#define _TESTS_T_SMP_H_

#include <sys/test.h>

enum test_status t_smp_ipi(struct test_ctx *);

#endif /* !_TESTS_T_SMP_H_ */
