/* glpk_fence.h — entering and leaving GLPK safely; only the files in solver/lp include it.
 * GLPK calls its error hook on an internal error and aborts the process if the hook returns,
 * so the hook jumps back to a setjmp in the calling function (the jump buffer is per call,
 * passed as info: no shared state between threads; GLPK 5's environment is thread-local).
 * GLPK also prints even with terminal output off, and a library must never write to the
 * host's stdout (it would corrupt the CLI's JSON), so every line is swallowed. */
#ifndef LIA_LP_GLPK_FENCE_H
#define LIA_LP_GLPK_FENCE_H
#include <glpk.h>
#include <setjmp.h>

static inline void lia_glpk_on_error(void *info) { longjmp(*(jmp_buf *)info, 1); }

static inline int lia_glpk_swallow(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

/* Install the hooks (again on every call: glp_free_env drops them) and silence GLPK; returns
 * the host's terminal setting for lia_glpk_leave. */
static inline int lia_glpk_enter(jmp_buf *fence)
{
    glp_error_hook(lia_glpk_on_error, fence);
    glp_term_hook(lia_glpk_swallow, NULL);
    return glp_term_out(GLP_OFF);
}

static inline void lia_glpk_leave(int host_out)
{
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    glp_term_out(host_out);
}

#endif
