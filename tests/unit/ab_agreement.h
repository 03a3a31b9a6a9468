/* ab_agreement.h — the test text of one agreement that several unit tests compute by hand. */
#ifndef LIA_TEST_AB_AGREEMENT_H
#define LIA_TEST_AB_AGREEMENT_H

/* The worked bilateral agreement of docs/model.md section 6 (one topic, a caveat, a facility
 * with an explicit split, a transfer), whose terms several tests compute by hand. */
#define AB_AGREEMENT_TEXT                                                             \
    "topic t { common 0.5 }\n"                                                        \
    "party A { leak 0.1; need t 1; collect t 0.6; exposure t 2 }\n"                   \
    "party B { disclosure 0.2; need t 2; collect t 0.5; exposure t 1 }\n"             \
    "agreement AB bilateral {\n"                                                      \
    "  members A, B\n"                                                                \
    "  levels 0, 1\n"                                                                 \
    "  share A -> B t 1\n"                                                            \
    "  share B -> A t 0.5\n"                                                          \
    "  caveat value 0.8 disclosure 0.5\n"                                             \
    "  facility f cost 2 value 1 split A 0.75, B 0.25\n"                              \
    "  transfer A -> B 0.3\n"                                                         \
    "}\n"

#endif
