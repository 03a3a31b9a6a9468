/* options.c — see options.h: one place that decides which options versions the library reads. */
#include "options.h"
#include "errmsg.h"
#include "liaison.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

int lia__options_read(void *dst, size_t size, const void *given, const size_t *ends, unsigned nversions,
                      const char *type, char *msg, size_t cap)
{
    char why[256] = "";
    unsigned v = 0;
    if (nversions == 0 || ends[nversions - 1] != size) {
        /* a new version appended fields without adding its entry to the table: refuse every
         * call rather than read a caller's struct with the wrong length */
        snprintf(why, sizeof why, "%s: this library's table of its versions is incomplete (a bug)", type);
    } else if (given) {
        memcpy(&v, given, sizeof v);   /* every options struct begins with `unsigned version` */
        if (v < 1 || v > nversions) {
            char init[64];
            size_t n = 0;
            for (; type[n] && n + 1 < sizeof init; n++) init[n] = (char)toupper((unsigned char)type[n]);
            init[n] = '\0';
            snprintf(why, sizeof why,
                     "%s.version is %u; this library (%s) reads versions 1 to %u: start from %s_INIT", type, v,
                     LIA_VERSION, nversions, init);
        }
    }
    if (why[0]) {
        lia__errmsg_set("%s", why);
        if (msg && cap) snprintf(msg, cap, "%s", why);
        return 0;
    }
    if (given) memcpy(dst, given, ends[v - 1]);
    memcpy(dst, &nversions, sizeof nversions);   /* the struct is now of the current version */
    return 1;
}
