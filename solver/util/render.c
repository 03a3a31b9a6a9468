/* render.c — see render.h. */
#include "render.h"
#include "c_numeric.h"
#include "errmsg.h"

lia_status lia__render(char **out, size_t *len, lia_render_fn fn, const void *obj, int variant)
{
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia__buf_init(&b);
    fn(&b, obj, variant);
    lia__c_numeric_end(&loc);
    *out = lia__buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}

lia_status lia__render_write(char **out, size_t *len, lia_render_fn fn, const void *obj, lia_format fmt,
                             unsigned formats, const char *what)
{
    lia__errmsg_clear();
    lia_status st = LIA_EUSAGE;
    if (out) {
        *out = NULL;
        if (obj && (unsigned)fmt < 32 && (formats & LIA__FORMAT_BIT(fmt))) st = lia__render(out, len, fn, obj, (int)fmt);
    }
    return lia__errmsg_write(st, obj, what, lia__format_name(fmt));
}
