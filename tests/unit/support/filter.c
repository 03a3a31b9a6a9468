/* filter.c — linked into every unit test binary: LIA_TEST_FILTER (a cmocka pattern such as
 * "*textbook*") runs only the matching test cases, so one case can be run while working on it
 * without editing the test's main(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

__attribute__((constructor)) static void lia_test_filter(void)
{
    const char *pattern = getenv("LIA_TEST_FILTER");
    if (pattern && *pattern) cmocka_set_test_filter(pattern);
}
