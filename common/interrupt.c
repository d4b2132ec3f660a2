/*
 * interrupt.c - recording SIGINT, SIGTERM and SIGHUP, and a self-pipe to wake poll().
 */
#include "interrupt.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t received;
static volatile pid_t forward_to; /* a stage that durchblick run waits for, or 0 */
static int wake[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    if (!received)
        received = sig;
    if (forward_to > 0)
        kill(forward_to, sig); /* a signal sent to run alone reaches its stage too */
    if (wake[1] >= 0) {
        ssize_t n = write(wake[1], "x", 1); /* a full pipe is already readable */
        (void)n;
    }
    errno = saved;
}

int interrupt_install(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    int ok = 0;
    if (wake[0] < 0) {
        if (pipe(wake) == 0) {
            for (int i = 0; i < 2; i++) {
                fcntl(wake[i], F_SETFD, FD_CLOEXEC);
                fcntl(wake[i], F_SETFL, fcntl(wake[i], F_GETFL) | O_NONBLOCK);
            }
        } else {
            wake[0] = wake[1] = -1;
            ok = -1;
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART */
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
    return ok;
}

int interrupt_pending(void) { return received; }

void interrupt_forward(pid_t child) { forward_to = child; }

int interrupt_fd(void) { return wake[0]; }

void interrupt_exit(void)
{
    int sig = received;
    if (!sig)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* not reached */
}
