/* explore_fixture.h — the agreement of tests/cases/explore/linear.lia, shared by the
 * exploration tests (test_explore.c, test_explore_steps.c), and a loader for it. Include
 * after cmocka.h and liaison.h. */
#ifndef LIA_TEST_EXPLORE_FIXTURE_H
#define LIA_TEST_EXPLORE_FIXTURE_H
#include <string.h>

/* tests/cases/explore/linear.lia. By hand (tests/cli/sweep.sh derives the terms): at the
 * commitment, with s the transfer B pays A and d A's patience,
 *   C_A = s - 0.3, D_A = 0.08 (withholding; no payment then), P_A = 0 (Nash reversion), so
 *   slack.A = C_A - (1 - d) D_A - d P_A = s - 0.3 - 0.08 + 0.08 d = s - 0.38 + 0.08 d
 * as long as s <= 0.38 (above, no breach pays A and D_A = C_A);
 *   C_B = 1.155 - s, and no deviation pays B (D_B = C_B), P_B = 0, B's patience 0.9, so
 *   slack.B = C_B - 0.1 C_B = 0.9 (1.155 - s) = 1.0395 - 0.9 s > 0.
 * The commitment holds iff slack.A >= 0, i.e. s >= 0.38 - 0.08 d; otherwise B can pay A what
 * it lacks (transfers = -slack.A), so the status is needs_transfers. */
static const char model[] =
    "let s = 0.3 in [0.26, 0.38]\n"
    "topic t { common 0.5 }\n"
    "party A { leak 0.1; need t 1; collect t 0.6; exposure t 2 }\n"
    "party B { disclosure 0.2; need t 2; collect t 0.5; exposure t 1 }\n"
    "agreement AB bilateral {\n"
    "  members A, B\n"
    "  levels 0, 1\n"
    "  share A -> B t 1\n"
    "  share B -> A t 0.5\n"
    "  caveat value 0.8 disclosure 0.5\n"
    "  facility f cost 2 value 1 split A 0.75, B 0.25\n"
    "  transfer B -> A s\n"
    "}\n";

static const lia_explore_range patience = { "A.patience", 0.5, 0.9 };

static lia_model *load(void)
{
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, model, strlen(model), "linear.lia"), LIA_OK);
    return m;
}

#endif
