/* edge_games.h — games at the edges of what a method must take (one copy for every method's
 * tests): a constant game (every profile an equilibrium), a one-player game with a tie for
 * the best, and a three-player game where one player has a single strategy. Each has at least
 * one equilibrium, which every method must find and verify. */
#ifndef LIAISON_TEST_EDGE_GAMES_H
#define LIAISON_TEST_EDGE_GAMES_H

static const char *const edge_games[] = {
    "game z normal { players A, B; strategies A: a, b; strategies B: a, b\n"
    "  matrix A [0 0; 0 0]; matrix B [0 0; 0 0] }\n",
    "game o normal { players A; strategies A: a, b, c\n payoff a: 1; payoff b: 3; payoff c: 3 }\n",
    "game s normal { players A, B, C; strategies A: a; strategies B: a, b; strategies C: a, b\n"
    "  payoff a a a: 1,2,3; payoff a b a: 0,0,0; payoff a a b: 0,0,0; payoff a b b: 4,5,6 }\n",
};
enum { EDGE_GAMES = sizeof edge_games / sizeof edge_games[0] };

#endif
