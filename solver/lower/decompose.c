/* decompose.c — the bilateral agreement a pair of a multilateral agreement's members would
 * make on their own (docs/model.md section 12): the same levels and commitments, every pooled
 * topic as a two-way share of the same scope on top of the pair's directed shares, no dilution
 * (nothing is pooled, so nothing is diluted), exposure only to the partner (with one
 * recipient the exposure term is x s c e rho of that partner), each facility manned by the pair at its full cost and value and
 * split by the agreement's rule between the two, and the transfers between them. */
#include "lower.h"
#include "../util/arena.h"
#include <string.h>

static lia_num ratio(lia_num a, lia_num b) { return lia__num_div(a, b); }

/* sigma for the pair by the facility's split rule */
static void pair_split(const lia_spec *spec, const spec_agreement *ag, const spec_facility *f, size_t i, size_t j,
                       lia_num *out)
{
    lia_num half = lia__num_frac(1, 2), a, b;
    switch (f->split) {
    case SPLIT_PROPORTIONAL:
        a = spec->parties[ag->members[i]].resources.n;
        b = spec->parties[ag->members[j]].resources.n;
        break;
    case SPLIT_EXPLICIT:
        a = f->shares[i];
        b = f->shares[j];
        break;
    default:
        out[0] = out[1] = half;
        return;
    }
    lia_num sum = lia__num_add(a, b);
    if (lia__num_is_zero(sum)) { out[0] = out[1] = half; return; }
    out[0] = ratio(a, sum);
    out[1] = lia__num_sub(lia__num_int(1), out[0]);
}

int lia__decompose_pair(spec_game *out, lia_arena *a, const lia_spec *spec, const spec_game *multi, size_t i, size_t j,
                       const char *name)
{
    const spec_agreement *ag = &multi->agreement;
    size_t K = spec->ntopics, pm[2] = { i, j };
    memset(out, 0, sizeof *out);
    out->name = name;
    out->span = multi->span;
    out->kind = LIA_KIND_BILATERAL;
    spec_agreement *p = &out->agreement;
    p->nm = 2;
    p->nl = ag->nl;
    p->levels = ag->levels;
    p->level_names = ag->level_names;
    p->members = lia__arena_array(a, 2, sizeof *p->members);
    p->commit = lia__arena_array(a, 2, sizeof *p->commit);
    p->share = lia__arena_array(a, 4 * (K ? K : 1), sizeof *p->share);
    p->pool = lia__arena_array(a, K ? K : 1, sizeof *p->pool);
    p->fac = lia__arena_array(a, ag->nfac ? ag->nfac : 1, sizeof *p->fac);
    p->tr = lia__arena_array(a, ag->ntr ? ag->ntr : 1, sizeof *p->tr);
    if (!p->members || !p->commit || !p->share || !p->pool || !p->fac || !p->tr) return 0;
    for (size_t x = 0; x < 2; x++) {
        p->members[x] = ag->members[pm[x]];
        p->commit[x] = ag->commit[pm[x]];
    }
    for (size_t k = 0; k < K; k++) {
        p->pool[k] = lia__num_int(0);
        for (size_t from = 0; from < 2; from++)
            for (size_t to = 0; to < 2; to++) {
                lia_num s = lia__num_int(0);
                if (from != to) s = lia__num_add(ag->share[(pm[from] * ag->nm + pm[to]) * K + k], ag->pool[k]);
                p->share[(from * 2 + to) * K + k] = s;
            }
    }
    p->dilution = lia__num_int(1);
    p->cav_value = ag->cav_value;
    p->cav_disc = ag->cav_disc;
    p->nfac = ag->nfac;
    for (size_t f = 0; f < ag->nfac; f++) {
        p->fac[f] = ag->fac[f];
        if (!(p->fac[f].shares = lia__arena_array(a, 2, sizeof(lia_num)))) return 0;
        pair_split(spec, ag, &ag->fac[f], i, j, p->fac[f].shares);
    }
    for (size_t t = 0; t < ag->ntr; t++) {
        size_t from = ag->tr[t].from, to = ag->tr[t].to;
        if ((from != i && from != j) || (to != i && to != j)) continue;
        p->tr[p->ntr] = ag->tr[t];
        p->tr[p->ntr].from = from == i ? 0 : 1;
        p->tr[p->ntr].to = to == i ? 0 : 1;
        p->ntr++;
    }
    return 1;
}
