/* suggest.c — bounded Levenshtein distance over short identifiers. Letters compare without
 * case, so that a name typed in capitals (NASH, SIMPDIV) finds its lower-case spelling. */
#include "suggest.h"
#include "liaison.h"
#include <ctype.h>
#include <string.h>

static int same(char a, char b)
{
    return tolower((unsigned char)a) == tolower((unsigned char)b);
}

static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t row[64];
    if (la >= 63 || lb >= 63) return 99;
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t sub = prev + !same(a[i - 1], b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}

const char *lia__suggest(const char *word, size_t len, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t bestd = 3;
    for (size_t i = 0; i < n; i++) {
        if (!cands[i]) continue;
        size_t d = distance(word, len, cands[i], strlen(cands[i]));
        if (d < bestd && d < len) { bestd = d; best = cands[i]; }
    }
    return best;
}

const char *lia_suggest(const char *word, const char *const *candidates, size_t n)
{
    return word && candidates ? lia__suggest(word, strlen(word), candidates, n) : NULL;
}
