/* game_fixtures.h — the unit tests' way to get a compiled game from a file or a string
 * (include after cmocka.h; a failure to load is a test failure). */
#ifndef LIA_TEST_GAME_FIXTURES_H
#define LIA_TEST_GAME_FIXTURES_H
#include <string.h>
#include "liaison.h"

static inline lia_game *fixture_game(lia_model *m, lia_status opened)
{
    assert_int_equal(opened, LIA_OK);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    lia_model_free(m);
    return g;
}

/* The only game of a file (.lia, .nfg or lrs). */
static inline lia_game *load(const char *path)
{
    lia_model *m;
    lia_status st = lia_model_open(&m, path);
    return fixture_game(m, st);
}

/* The only game of a model text. */
static inline lia_game *parse(const char *src)
{
    lia_model *m;
    lia_status st = lia_model_parse(&m, src, strlen(src), NULL);
    return fixture_game(m, st);
}

#endif
