/* version.c — version strings of liaison and of the GLPK and OpenBLAS it was linked with. */
#include "liaison.h"
#include "util/mem.h"
#include "lp/lp.h"
#include <glpk.h>
#include <cblas.h>

const char *lia_version(void) { return LIA_VERSION; }
int lia_version_number(void) { return LIA_VERSION_NUMBER; }
const char *lia_glpk_version(void) { return glp_version(); }
const char *lia_blas_version(void) { return openblas_get_config(); }
void lia_free(void *p) { lia__free(p); }

const char *lia_status_name(lia_status s)
{
    switch (s) {
    case LIA_OK: return "ok";
    case LIA_EINPUT: return "invalid input";
    case LIA_EUSAGE: return "invalid use";
    case LIA_ENOMEM: return "out of memory";
    case LIA_ELIMIT: return "over the limit";   /* the memory cap, or a method's own bound */
    case LIA_EIO: return "input/output error";
    case LIA_EINTERNAL: return "internal error";
    case LIA_ECANCELED: return "canceled";
    }
    return "unknown status";
}

lia_status lia_set_blas_threads(int n)
{
    if (n < 1 || n > 1024) return LIA_EUSAGE;
    openblas_set_num_threads(n);
    return LIA_OK;
}

int lia_blas_threads(void) { return openblas_get_num_threads(); }

void lia_thread_cleanup(void) { lia__lp_thread_done(); }
