/* gen_tables.c: ethnicity code sets shared by every extract (domain brief
 * section 5: ONS 2021 detailed categories and NHS ethnic category codes). */
#include "gen.h"

/* NHS codes follow the 2001-based 16+1 list, so Chinese is R ("Other
 * ethnic groups") there but Asian in ONS 2021: the pitfall is kept on
 * purpose, as a real provider export would have it. */
const tab_eth tab_eth_codes[ETH_COUNT] = {
    [ETH_BRITISH] = {"English, Welsh, Scottish, Northern Irish or British", "A", G_WHITE},
    [ETH_IRISH] = {"Irish", "B", G_WHITE},
    [ETH_GYPSY] = {"Gypsy or Irish Traveller", "C", G_WHITE},
    [ETH_ROMA] = {"Roma", "C", G_WHITE},
    [ETH_OTHER_WHITE] = {"Other White", "C", G_WHITE},
    [ETH_WBC] = {"White and Black Caribbean", "D", G_MIXED},
    [ETH_WBA] = {"White and Black African", "E", G_MIXED},
    [ETH_WA] = {"White and Asian", "F", G_MIXED},
    [ETH_OTHER_MIXED] = {"Other Mixed or Multiple ethnic groups", "G", G_MIXED},
    [ETH_INDIAN] = {"Indian", "H", G_ASIAN},
    [ETH_PAKISTANI] = {"Pakistani", "J", G_ASIAN},
    [ETH_BANGLADESHI] = {"Bangladeshi", "K", G_ASIAN},
    [ETH_CHINESE] = {"Chinese", "R", G_ASIAN},
    [ETH_OTHER_ASIAN] = {"Other Asian", "L", G_ASIAN},
    [ETH_CARIBBEAN] = {"Caribbean", "M", G_BLACK},
    [ETH_AFRICAN] = {"African", "N", G_BLACK},
    [ETH_OTHER_BLACK] = {"Other Black", "P", G_BLACK},
    [ETH_ARAB] = {"Arab", "S", G_OTHER},
    [ETH_ANY_OTHER] = {"Any other ethnic group", "S", G_OTHER},
    [ETH_NOT_STATED] = {"Not stated", "Z", G_NOTSTATED},
    [ETH_NOT_KNOWN] = {"Not stated", "99", G_NOTSTATED},
    [ETH_BLANK] = {"", "", G_NOTSTATED},
};

const char *const tab_group_names[G_COUNT] = {"White", "Asian", "Black", "Mixed",
                                              "Other", "Not stated"};

/* Mixes within each group for Coventry, younger (18-64) then older (65+):
 * the older Black population is mostly Caribbean, the younger mostly
 * African (recent migration); the older Asian population mostly Indian. */
typedef struct detail_mix {
    int first, n;
    double young[5], old[5];
} detail_mix;

static const detail_mix mixes[G_NOTSTATED] = {
    [G_WHITE] = {ETH_BRITISH, 5, {84, 2, 1, 1.5, 11.5}, {91, 5, 0.3, 0.2, 3.5}},
    [G_MIXED] = {ETH_WBC, 4, {42, 15, 25, 18, 0}, {40, 10, 30, 20, 0}},
    [G_ASIAN] = {ETH_INDIAN, 5, {45, 22, 7, 6, 20}, {62, 18, 5, 3, 12}},
    [G_BLACK] = {ETH_CARIBBEAN, 3, {25, 65, 10, 0, 0}, {62, 30, 8, 0, 0}},
    [G_OTHER] = {ETH_ARAB, 2, {40, 60, 0, 0, 0}, {25, 75, 0, 0, 0}},
};

int tab_eth_detail(gen_rng *r, int group, int older) {
    if (group == G_NOTSTATED) return ETH_NOT_STATED;
    const detail_mix *m = &mixes[group];
    return m->first + rng_pick(r, older ? m->old : m->young, m->n);
}

const char *tab_choose(gen_rng *r, const tab_choice *c, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) total += c[i].weight;
    double x = rng_unit(r) * total;
    for (int i = 0; i < n - 1; i++) {
        if (x < c[i].weight) return c[i].name;
        x -= c[i].weight;
    }
    return c[n - 1].name;
}
