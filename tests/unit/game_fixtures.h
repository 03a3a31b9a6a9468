/* game_fixtures.h — the unit tests' way to get a compiled game from a file or a string
 * (include after cmocka.h; a failure to load is a test failure). */
#ifndef LIA_TEST_GAME_FIXTURES_H
#define LIA_TEST_GAME_FIXTURES_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* A seeded m x n two-player game, payoffs 0..hi-1 drawn by a 64-bit LCG (seed advances), read
 * through an lrs file as a user's game would be. */
static inline lia_game *random_lrs_game(size_t m, size_t n, int hi, uint64_t *seed)
{
    char *src = malloc(64 + 2 * m * n * 4), *at = src;
    assert_non_null(src);
    at += sprintf(at, "%zu %zu\n", m, n);
    for (size_t k = 0; k < 2 * m * n; k++) {
        *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
        at += sprintf(at, "%s%d", k % n ? " " : "\n", (int)((*seed >> 33) % (uint64_t)hi));
    }
    strcpy(at, "\n");
    char path[] = "/tmp/liaison_game_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(src, f);
    fclose(f);
    free(src);
    lia_game *g = load(path);
    remove(path);
    return g;
}

#endif
