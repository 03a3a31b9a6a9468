/* polytope_exact_body.h — the exact reverse search of polytope_exact.c, written once for any
 * integer type. The includer defines
 *   NUM                      the integer type
 *   SFX(name)                the name of this instance's copy of a function
 *   N_SET_I64(r, v)          *r = v
 *   N_FROM_BIG(r, b)         *r = *b (a lia_big); 0 if it does not fit
 *   N_SIGN(a), N_NEGATE(a)   sign of *a; *a = -*a
 *   N_CMP_PROD(x1, y1, x2, y2)  sign(x1 y1 - x2 y2), or UNFIT if the products do not fit
 *   N_BAREISS(r, a, p, b, c, D) *r = (a p - b c) / D (an exact division); 0 on overflow
 * and XS_OVERFLOW, the status returned when the numbers outgrow the type. No include guard:
 * it is included once per type. */

typedef struct SFX(dict) {
    NUM *T;                /* k x d, row-major */
    NUM *beta, *c;         /* k and d */
    NUM D;
    size_t *rowvar, *colvar, *where;
    unsigned char *basic;
    size_t next;
} SFX(dict);

typedef struct SFX(search) {
    size_t d, k;
    SFX(dict) *level;
    size_t nlevels;
} SFX(search);

static int SFX(level_alloc)(SFX(dict) *D, size_t d, size_t k)
{
    memset(D, 0, sizeof *D);
    D->T = lia__malloc((k * d + k + d) * sizeof *D->T);
    D->rowvar = lia__malloc(2 * (k + d) * sizeof *D->rowvar);
    D->basic = lia__malloc(k + d);
    if (!D->T || !D->rowvar || !D->basic) {
        lia__free(D->T);
        lia__free(D->rowvar);
        lia__free(D->basic);
        return 0;
    }
    D->beta = D->T + k * d;
    D->c = D->beta + k;
    D->colvar = D->rowvar + k;
    D->where = D->colvar + d;
    return 1;
}

static int SFX(ensure_level)(SFX(search) *S, size_t depth)
{
    if (depth < S->nlevels) return 1;
    size_t n = S->nlevels ? 2 * S->nlevels : 16;
    SFX(dict) *lv = lia__realloc(S->level, n * sizeof *lv);
    if (!lv) return 0;
    S->level = lv;
    for (size_t i = S->nlevels; i < n; i++)
        if (!SFX(level_alloc)(&S->level[i], S->d, S->k)) { S->nlevels = i; return 0; }
    S->nlevels = n;
    return 1;
}

static void SFX(search_free)(SFX(search) *S)
{
    for (size_t i = 0; i < S->nlevels; i++) {
        lia__free(S->level[i].T);
        lia__free(S->level[i].rowvar);
        lia__free(S->level[i].basic);
    }
    lia__free(S->level);
}

/* Entry (i, r) of the basis inverse times D. */
static const NUM *SFX(binv)(const SFX(dict) *D, size_t d, size_t i, size_t r, const NUM *zero)
{
    size_t v = d + r;
    if (D->basic[v]) return D->where[v] == i ? &D->D : zero;
    return &D->T[i * d + D->where[v]];
}

/* The lexicographic ratio test on column s: the leaving row, k if none, or (size_t)-1 if the
 * numbers outgrew the integers. */
static size_t SFX(ratio_test)(const SFX(dict) *D, size_t d, size_t k, size_t s)
{
    NUM zero;
    N_SET_I64(&zero, 0);
    size_t best = k;
    for (size_t i = 0; i < k; i++) {
        const NUM *a = &D->T[i * d + s];
        if (N_SIGN(a) <= 0) continue;
        if (best == k) { best = i; continue; }
        const NUM *ab = &D->T[best * d + s];
        int c = N_CMP_PROD(&D->beta[i], ab, &D->beta[best], a);
        for (size_t r = 0; c == 0 && r < k; r++)
            c = N_CMP_PROD(SFX(binv)(D, d, i, r, &zero), ab, SFX(binv)(D, d, best, r, &zero), a);
        if (c == UNFIT || c == 0) return (size_t)-1;   /* equal rows cannot be: only overflow */
        if (c < 0) best = i;
    }
    return best;
}

/* Pivot D on (r, s) into E; 0 if the numbers outgrew the integers. */
static int SFX(pivot)(SFX(dict) *E, const SFX(dict) *D, size_t d, size_t k, size_t r, size_t s)
{
    const NUM *p = &D->T[r * d + s];
    for (size_t i = 0; i < k; i++) {
        const NUM *Ti = D->T + i * d, *Tr = D->T + r * d;
        NUM *Ei = E->T + i * d;
        if (i == r) {
            for (size_t j = 0; j < d; j++) Ei[j] = j == s ? D->D : Tr[j];
            E->beta[i] = D->beta[r];
            continue;
        }
        for (size_t j = 0; j < d; j++) {
            if (j == s) { Ei[j] = Ti[s]; N_NEGATE(&Ei[j]); continue; }
            if (!N_BAREISS(&Ei[j], &Ti[j], p, &Ti[s], &Tr[j], &D->D)) return 0;
        }
        if (!N_BAREISS(&E->beta[i], &D->beta[i], p, &Ti[s], &D->beta[r], &D->D)) return 0;
    }
    for (size_t j = 0; j < d; j++) {
        if (j == s) { E->c[j] = D->c[s]; N_NEGATE(&E->c[j]); continue; }
        if (!N_BAREISS(&E->c[j], &D->c[j], p, &D->c[s], &D->T[r * d + j], &D->D)) return 0;
    }
    E->D = *p;
    lia__basis_pivot(E->rowvar, E->basic, D->rowvar, D->basic, k, d, r, s);
    E->next = 0;
    return 1;
}

/* 1 if pivot (r, s) leads to a child (its reverse is the parent pivot: Bland's rule for min
 * sum w z picks the leaving variable back), 0 if not, UNFIT on overflow. */
static int SFX(is_child)(const SFX(dict) *D, size_t d, size_t r, size_t s)
{
    const NUM *cs = &D->c[s], *p = &D->T[r * d + s];
    if (N_SIGN(cs) <= 0) return 0;
    size_t leaving = D->rowvar[r];
    for (size_t j = 0; j < d; j++) {
        if (j == s || D->colvar[j] > leaving) continue;
        int c = N_CMP_PROD(&D->c[j], p, cs, &D->T[r * d + j]);   /* the sign of c'_j times p */
        if (c == UNFIT) return UNFIT;
        if (c < 0) return 0;
    }
    return 1;
}

/* Record the vertex of a basis (polytope.c lists it). */
static lia_status SFX(record)(lia_vertices *out, size_t *cap, lia_bitset_table *degenerate, const SFX(dict) *D,
                              const lia_polytope_exact *P, unsigned char *zero)
{
    for (size_t i = 0; i < P->k; i++) {
        int sg = N_SIGN(&D->beta[i]);
        if (sg < 0) return LIA_EINTERNAL;   /* a lexicographic basis is feasible: a bug */
        zero[i] = sg == 0;
    }
    return lia__vertices_append(out, cap, degenerate, P->d, P->k, P->coord_label, P->cons_label, D->colvar, D->rowvar,
                               zero);
}

/* Every vertex by reverse search; XS_OVERFLOW if the numbers outgrow NUM. */
static lia_status SFX(vertices)(lia_vertices *out, const lia_polytope_exact *P, size_t cap)
{
    size_t d = P->d, k = P->k;
    memset(out, 0, sizeof *out);
    out->lwords = (P->nlab + 63) / 64;
    out->bwords = (d + k + 63) / 64;
    SFX(search) S = { d, k, NULL, 0 };
    lia_bitset_table degenerate;
    lia__bitset_table_init(&degenerate, out->lwords);
    size_t vcap = 0, depth = 0;
    unsigned char *zero = lia__malloc(k);
    lia_status st = zero && SFX(ensure_level)(&S, 0) ? LIA_OK : LIA_ENOMEM;
    if (st == LIA_OK) {   /* the root: every slack basic, z = 0, D = 1 */
        SFX(dict) *D = &S.level[0];
        N_SET_I64(&D->D, 1);
        for (size_t i = 0; i < k; i++) {
            for (size_t j = 0; j < d; j++)
                if (!N_FROM_BIG(&D->T[i * d + j], &P->M[i * d + j])) st = XS_OVERFLOW;
            N_SET_I64(&D->beta[i], 1);
            D->rowvar[i] = d + i;
            D->where[d + i] = i;
            D->basic[d + i] = 1;
        }
        for (size_t j = 0; j < d; j++) {
            /* generic integer weights (1000 + 1000 frac(j golden)), so that reduced costs do
             * not vanish because payoffs repeat */
            N_SET_I64(&D->c[j], 1000 + (int64_t)((j + 1) * 618034 % 1000000) / 1000);
            D->colvar[j] = j;
            D->where[j] = j;
            D->basic[j] = 0;
        }
        D->next = 0;
        if (st == LIA_OK) st = SFX(record)(out, &vcap, &degenerate, D, P, zero);
    }
    while (st == LIA_OK) {
        SFX(dict) *D = &S.level[depth];
        if (D->next == d) {
            if (depth == 0) break;
            depth--;
            continue;
        }
        size_t s = D->next++;
        if (N_SIGN(&D->c[s]) <= 0) continue;
        size_t r = SFX(ratio_test)(D, d, k, s);
        if (r == (size_t)-1) { st = XS_OVERFLOW; break; }
        if (r == k) continue;
        int child = SFX(is_child)(D, d, r, s);
        if (child == UNFIT) { st = XS_OVERFLOW; break; }
        if (!child) continue;
        if (!SFX(ensure_level)(&S, depth + 1)) { st = LIA_ENOMEM; break; }
        D = &S.level[depth];
        if (!SFX(pivot)(&S.level[depth + 1], D, d, k, r, s)) { st = XS_OVERFLOW; break; }
        depth++;
        st = SFX(record)(out, &vcap, &degenerate, &S.level[depth], P, zero);
        double bytes = (double)vcap * (out->lwords + out->bwords) * 8 + (double)lia__bitset_table_bytes(&degenerate) +
                       (double)S.nlevels * (double)(k * d + k + d) * sizeof(NUM);
        if (st == LIA_OK && bytes > (double)cap) st = LIA_ELIMIT;
    }
    lia__free(zero);
    SFX(search_free)(&S);
    lia__bitset_table_free(&degenerate);
    if (st != LIA_OK) lia__vertices_free(out);
    return st;
}
