/* errors.c — one way to report a failed library call: the library says what failed, for which
 * input and what to try (lia_<noun>_errmsg or lia_errmsg), in its own concepts; the command
 * line names itself and adds the flag that controls the concept the message names. The
 * fallback exists so that a status without a message (a library bug of its own) still reaches
 * the user as a sentence rather than a bare "internal error". */
#include "cli.h"
#include <stdarg.h>
#include <string.h>

/* The library's words for what a flag sets, and the flag: said in the flag's words where the
 * library names the concept in a phrase of its own (swap), else added at the end. */
static const struct { const char *phrase, *swap, *flag; } hints[] = {
    { "choose one by name", "choose one with --game", NULL },
    { "memory cap", NULL, "--memory-cap SIZE sets the cap" },
    { "in the NFG format", NULL, "--emit nfg" },
    { "write it as JSON", NULL, "--emit json" },
    { "Lemke-Howson label", NULL, "--label K, or any" },
};

const char *cli_reason(lia_status st, const char *msg)
{
    static _Thread_local char buf[1200];
    if (!msg || !*msg) msg = lia_errmsg();
    if (!*msg) {
        snprintf(buf, sizeof buf, "the library failed (%s) without saying why; please report this with the command "
                                  "line and the model file", lia_status_name(st));
        return buf;
    }
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        const char *at = strstr(msg, hints[i].phrase);
        if (!at) continue;
        if (hints[i].swap)
            snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - msg), msg, hints[i].swap, at + strlen(hints[i].phrase));
        else
            snprintf(buf, sizeof buf, "%s [%s]", msg, hints[i].flag);
        return buf;
    }
    return msg;
}

int cli_fail(const char *command, lia_status st, const char *msg)
{
    fprintf(stderr, "liaison %s: %s\n", command, cli_reason(st, msg));
    return cli_exit_code(st);
}

int cli_failf(const char *command, lia_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "liaison %s: ", command);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return cli_exit_code(st);
}
