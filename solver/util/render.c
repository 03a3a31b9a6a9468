/* render.c — see render.h. */
#include "render.h"
#include "c_numeric.h"

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
