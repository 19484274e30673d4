/* gen_rng.c: the generator's own PRNG (xoshiro256**, seeded by splitmix64)
 * and the few distributions it needs. No rand(), no time(): the same
 * arguments always give the same bytes. */
#include "gen.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void rng_seed(gen_rng *r, uint64_t seed, uint64_t stream) {
    uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t rng_next(gen_rng *r) {
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Lemire's multiply-shift; the tiny bias is irrelevant for synthetic data. */
uint32_t rng_below(gen_rng *r, uint32_t n) {
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int rng_range(gen_rng *r, int lo, int hi) {
    if (hi <= lo) return lo;
    return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

double rng_unit(gen_rng *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; }

int rng_chance(gen_rng *r, double p) { return rng_unit(r) < p; }

double rng_normal(gen_rng *r) {
    double u = 1.0 - rng_unit(r); /* (0, 1]: log stays finite */
    double v = rng_unit(r);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

double rng_exp(gen_rng *r, double mean) { return -mean * log(1.0 - rng_unit(r)); }

int rng_poisson(gen_rng *r, double mean) {
    if (mean <= 0) return 0;
    if (mean > 30) {
        long v = lround(mean + sqrt(mean) * rng_normal(r));
        return v < 0 ? 0 : (int)v;
    }
    double limit = exp(-mean), prod = rng_unit(r);
    int k = 0;
    while (prod > limit) {
        prod *= rng_unit(r);
        k++;
    }
    return k;
}

int rng_pick(gen_rng *r, const double *w, int n) {
    double total = 0;
    for (int i = 0; i < n; i++) total += w[i];
    double x = rng_unit(r) * total;
    for (int i = 0; i < n - 1; i++) {
        if (x < w[i]) return i;
        x -= w[i];
    }
    return n - 1;
}

int rng_score(gen_rng *r, double mean, double sd) {
    long v = lround(mean + sd * rng_normal(r));
    return v < 1 ? 1 : v > 5 ? 5 : (int)v;
}
