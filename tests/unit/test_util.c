/* test_util.c — the small utilities: suggestions, name table, arena, buffer, JSON escaping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/nametab.h"
#include "util/suggest.h"

static void test_suggest(void **state)
{
    (void)state;
    const char *kw[] = { "resources", "patience", "leak", "disclosure" };
    assert_string_equal(lia__suggest("resoures", 8, kw, 4), "resources");   /* one deletion */
    assert_string_equal(lia__suggest("paitence", 8, kw, 4), "patience");    /* transposition = 2 */
    assert_string_equal(lia__suggest("lek", 3, kw, 4), "leak");
    assert_null(lia__suggest("budget", 6, kw, 4));                          /* nothing close */
    assert_null(lia__suggest("x", 1, kw, 4));                               /* distance must be < length */
}

static void test_nametab(void **state)
{
    (void)state;
    lia_arena a;
    lia__arena_init(&a);
    lia_nametab t;
    assert_true(lia__nametab_init(&t, &a, 1000));
    char names[1000][8];
    for (size_t i = 0; i < 1000; i++) {
        snprintf(names[i], sizeof names[i], "n%zu", i);
        assert_int_equal(lia__nametab_put(&t, names[i], strlen(names[i]), i), i);
    }
    assert_int_equal(lia__nametab_put(&t, "n17", 3, 5000), 17);            /* duplicate: old index */
    assert_int_equal(lia__nametab_get(&t, "n999", 4), 999);
    assert_int_equal(lia__nametab_get(&t, "n1000", 5), (size_t)-1);
    assert_int_equal(lia__nametab_get(&t, "n1", 2), 1);                    /* prefix of n17 */
    lia__arena_free(&a);
}

static void test_arena(void **state)
{
    (void)state;
    lia_arena a;
    lia__arena_init(&a);
    char *p = lia__arena_alloc(&a, 10);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % 16, 0);
    char *big = lia__arena_alloc(&a, 100000);                               /* larger than a block */
    assert_non_null(big);
    assert_true(big[99999] == 0);                                           /* zeroed */
    assert_null(lia__arena_alloc(&a, (size_t)-1));                           /* no wrap-around */
    assert_null(lia__arena_array(&a, (size_t)-1 / 2, 4));                    /* overflow refused */
    assert_string_equal(lia__arena_strndup(&a, "abcdef", 3), "abc");
    lia__mem_fail_after(1);
    assert_null(lia__arena_alloc(&a, 1 << 20));                              /* new block fails */
    lia__mem_fail_after(0);
    lia__arena_free(&a);
}

static void test_buf_and_json(void **state)
{
    (void)state;
    lia_buf b;
    lia__buf_init(&b);
    lia__buf_json_string(&b, "a\"b\\c\nd\x01");
    lia__buf_putc(&b, ' ');
    lia__buf_double(&b, 0.1);
    lia__buf_printf(&b, " %d", 42);
    size_t len;
    char *s = lia__buf_take(&b, &len);
    assert_string_equal(s, "\"a\\\"b\\\\c\\nd\\u0001\" 0.1 42");
    assert_int_equal(len, strlen(s));
    lia__free(s);
    /* a failed allocation sticks: the caller gets NULL, not truncated text */
    lia__buf_init(&b);
    lia__mem_fail_after(1);
    lia__buf_puts(&b, "lost");
    lia__mem_fail_after(0);
    lia__buf_puts(&b, "later");
    assert_null(lia__buf_take(&b, NULL));
}

/* A buffer nothing was written to still hands back a terminated empty string (a report of a
 * model without agreements once came back unterminated; found by the fuzzer). */
static void test_buf_empty(void **state)
{
    (void)state;
    lia_buf b;
    lia__buf_init(&b);
    size_t len = 99;
    char *s = lia__buf_take(&b, &len);
    assert_non_null(s);
    assert_int_equal(len, 0);
    assert_string_equal(s, "");
    lia__free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_nametab),
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_buf_and_json),
        cmocka_unit_test(test_buf_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
