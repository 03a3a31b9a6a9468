/* render.c — see render.h. */
#include "render.h"
#include "c_numeric.h"

lia_status lia_render(char **out, size_t *len, lia_render_fn fn, const void *obj, int variant)
{
    lia_c_numeric loc;
    if (!lia_c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia_buf_init(&b);
    fn(&b, obj, variant);
    lia_c_numeric_end(&loc);
    *out = lia_buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}
