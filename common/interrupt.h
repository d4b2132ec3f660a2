/*
 * interrupt.h - Ctrl-C (SIGINT), SIGTERM and SIGHUP as a request to stop.
 *
 * The handlers only record the signal and make interrupt_fd() readable, so a
 * thread blocked in poll() on a stalled pipe wakes at once. The program rolls
 * back what it was doing, stops as a whole, and then ends by the same signal
 * (interrupt_exit), so that a shell or `durchblick run` sees it was
 * interrupted (exit status 128 + signal) and stops too.
 */
#ifndef DURCHBLICK_INTERRUPT_H
#define DURCHBLICK_INTERRUPT_H

#include <sys/types.h>

/*
 * Installs the handlers (without SA_RESTART: a blocked read or wait returns
 * EINTR). Returns 0, or -1 if the wake-up pipe cannot be made (the handlers
 * are installed all the same).
 */
int interrupt_install(void);

/* The signal received since interrupt_install, or 0. Async-signal-safe. */
int interrupt_pending(void);

/*
 * Sends every signal received from now on to child as well (0: to nobody):
 * `durchblick run` passes a SIGTERM meant for it to the stage it waits for.
 */
void interrupt_forward(pid_t child);

/* A descriptor that is readable once a signal was received, for poll(); -1 if none. */
int interrupt_fd(void);

/*
 * If a signal was received: restores its default action and raises it, so
 * the process ends by it (never returns then). Else returns.
 */
void interrupt_exit(void);

#endif
