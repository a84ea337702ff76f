#!/usr/bin/env python3
"""FunnelPlotR data_type = "SR", sr_method = "SHMI" (package defaults) applied
to RATES (events O over exposure X), standard library only.

Mapping used:  rate0 = sum(O) / sum(X);  E_i = X_i * rate0 (passed UNROUNDED
to FunnelPlotR, which rounds it to 2 dp itself, SHMI_rounding = TRUE);
ratio_i = O_i / E_i around target 1;  rate-scale limit = ratio limit * rate0.

Source: nhs-r-community/FunnelPlotR HEAD 9020d49 (v0.6.0; same numerics as
CRAN 0.5.0): R/aggregate_func.R, R/funnel_plot.R, R/od_adjustment.R
(transformed_zscore, truncation, phi_func, tau_func), R/calculate_limits.R,
R/build_limits_lookup.R, R/outliers_func.R.

The exact-Poisson (unadjusted) limits need qchisq; it is implemented here
(regularised incomplete gamma with R's Loader saddle-point prefactor plus a
Newton/bisection root search).  Agreement with R 4.2.2 is reported in
funnel-spec.md section 6.

Run:  python3 funnel_reference_sr.py
"""
import math

Z95 = 1.959964   # hard-coded in calculate_limits.R
Z998 = 3.090232  # hard-coded in calculate_limits.R


# ------------------------------------------------------------ R helpers
def r_round(x, digits):
    """R >= 4.0.0 round(x, digits) (nmath fround.c, private_fround):
    pick the nearer of the two neighbouring `digits`-decimal candidates,
    judged in double arithmetic; exact ties go to the even last digit."""
    if not math.isfinite(x) or x == 0.0:
        return x
    if x < 0.0:
        return -r_round(-x, digits)
    l10x = math.log10(2.0) * (0.5 + (math.frexp(x)[1] - 1))   # logb(x)
    if l10x + digits > 15:                                      # DBL_DIG
        return x
    p10 = 10.0 ** digits
    x10 = p10 * x
    i10 = math.floor(x10)
    xd = i10 / p10
    xu = math.ceil(x10) / p10
    du, dd = xu - x, x - xd
    return xu if (du < dd or (du == dd and math.fmod(i10, 2.0) == 1.0)) else xd


def r_rank_average(v):
    """R rank(v, ties.method = "average") for finite/-Inf/+Inf values."""
    order = sorted(range(len(v)), key=lambda i: v[i])
    ranks = [0.0] * len(v)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def r_sum(xs):
    """R sum() accumulates in long double; fsum (exact, rounded once) is the
    closest stdlib equivalent."""
    return math.fsum(xs)


# ------------------------------------------- chi-squared / gamma quantile
_LN_SQRT_2PI = 0.5 * math.log(2 * math.pi)


def _stirlerr(n):
    """log(n!) - log(sqrt(2 pi n) (n/e)^n)   (R nmath stirlerr, Loader)."""
    S0, S1, S2, S3, S4 = 1 / 12, 1 / 360, 1 / 1260, 1 / 1680, 1 / 1188
    if n <= 15.0:
        return math.lgamma(n + 1.0) - (n + 0.5) * math.log(n) + n - _LN_SQRT_2PI
    nn = n * n
    if n > 500:
        return (S0 - S1 / nn) / n
    if n > 80:
        return (S0 - (S1 - S2 / nn) / nn) / n
    if n > 35:
        return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n
    return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n


def _bd0(x, np_):
    """x log(x/np) + np - x, computed without cancellation (R nmath bd0)."""
    if abs(x - np_) < 0.1 * (x + np_):
        v = (x - np_) / (x + np_)
        s = (x - np_) * v
        ej = 2 * x * v
        v = v * v
        j = 1
        while True:
            ej *= v
            s1 = s + ej / (2 * j + 1)
            if s1 == s:
                return s1
            s = s1
            j += 1
    return x * math.log(x / np_) + np_ - x


def _dpois_raw(k, lam):
    """lam^k exp(-lam) / Gamma(k+1) for real k > 0, lam > 0."""
    return math.exp(-_stirlerr(k) - _bd0(k, lam)) / math.sqrt(2 * math.pi * k)


def _gamma_tail(a, x):
    """Returns (P, Q) of Gamma(a, 1) at x; the tail on the far side of the
    mode is computed directly (series below a, continued fraction above)."""
    if x <= 0:
        return 0.0, 1.0
    if x < a:
        # P = dpois_raw(a, x) * sum_{n>=0} x^n / ((a+1)...(a+n))
        term, s, n = 1.0, 1.0, 0
        while True:
            n += 1
            term *= x / (a + n)
            s_new = s + term
            if s_new == s:
                break
            s = s_new
        p = _dpois_raw(a, x) * s
        return p, 1.0 - p
    # Q = x^a e^-x / Gamma(a) * CF   (modified Lentz, Numerical Recipes gcf)
    tiny = 1e-300
    b = x + 1.0 - a
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    i = 0
    while True:
        i += 1
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        if abs(d) < tiny:
            d = tiny
        c = b + an / c
        if abs(c) < tiny:
            c = tiny
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-17 or i > 100000:
            break
    q = a * _dpois_raw(a, x) * h
    return 1.0 - q, q


def qchisq(p, df, lower_tail=True):
    """Quantile of chi-squared(df) (df > 0 real), 0 < p < 1."""
    a = df / 2.0
    pl = p if lower_tail else 1.0 - p   # lower-tail probability (exact for p >= 0.5)
    # Solve in the SMALLER tail, which _gamma_tail computes directly; using
    # 1 - (other tail) would cost up to ~1e-13 relative at p = 0.999, small df.
    if pl <= 0.5:
        def f(xx):
            return _gamma_tail(a, xx)[0] - pl          # increasing in xx
    else:
        pu = p if not lower_tail else 1.0 - p
        def f(xx):
            return pu - _gamma_tail(a, xx)[1]          # increasing in xx
    # Wilson-Hilferty start
    zp = _qnorm(pl)
    c = 2.0 / (9.0 * df)
    x = max(df * (1 - c + zp * math.sqrt(c)) ** 3, 1e-10) / 2.0   # gamma scale
    # bracket
    lo, hi = x, x
    while f(lo) > 0:
        lo /= 1.5
    while f(hi) < 0:
        hi *= 1.5
    # Newton with bisection safeguard
    for _ in range(200):
        fx = f(x)
        if fx == 0:
            break
        if fx < 0:
            lo = x
        else:
            hi = x
        dens = _dpois_raw(a - 1.0, x) if a > 1 else math.exp((a - 1) * math.log(x) - x - math.lgamma(a))
        xn = x - fx / dens
        if not (lo < xn < hi):
            xn = 0.5 * (lo + hi)
        if abs(xn - x) <= 1e-16 * x:
            x = xn
            break
        x = xn
    return 2.0 * x


def _qnorm(p):
    """Acklam's rational approximation (only a starting value here)."""
    a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
         1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
         6.680131188771972e+01, -1.328068155288572e+01]
    c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
         -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
         3.754408661907416e+00]
    if p < 0.02425:
        q = math.sqrt(-2 * math.log(p))
        return (((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q+c[5]) / ((((d[0]*q+d[1])*q+d[2])*q+d[3])*q+1)
    if p > 1 - 0.02425:
        return -_qnorm(1 - p)
    q = p - 0.5
    r = q * q
    return (((((a[0]*r+a[1])*r+a[2])*r+a[3])*r+a[4])*r+a[5])*q / (((((b[0]*r+b[1])*r+b[2])*r+b[3])*r+b[4])*r+1)


# ------------------------------------------------------------ SR / SHMI
def sr_poisson_limits(E, target=1.0, multiplier=1.0):
    """calculate_limits(), SR, draw_adjusted == FALSE: exact Poisson limits
    evaluated at (rounded) expected E:  (ll95, ul95, ll998, ul998)."""
    return (multiplier * target * qchisq(0.975, 2 * E, lower_tail=False) / 2 / E,
            multiplier * target * qchisq(0.025, 2 * (E + 1), lower_tail=False) / 2 / E,
            multiplier * target * qchisq(0.999, 2 * E, lower_tail=False) / 2 / E,
            multiplier * target * qchisq(0.001, 2 * (E + 1), lower_tail=False) / 2 / E)


def sr_shmi_od_limits(E, tau2, multiplier=1.0):
    """calculate_limits(), SR SHMI, draw_adjusted == TRUE."""
    sd = math.sqrt((1 / E) + tau2)
    return (multiplier * math.exp(-Z95 * sd), multiplier * math.exp(Z95 * sd),
            multiplier * math.exp(-Z998 * sd), multiplier * math.exp(Z998 * sd))


def funnel_sr_shmi(orgs, trim_by=0.1, shmi_rounding=True, draw_adjusted=True,
                   draw_unadjusted=False, limit=99, multiplier=1.0):
    """orgs: (group, O, E) with E as handed to funnel_plot (unrounded)."""
    orgs = sorted(orgs, key=lambda r: r[0])           # aggregate() orders by group
    O = [float(r[1]) for r in orgs]
    E_in = [float(r[2]) for r in orgs]
    rr = [o / e for o, e in zip(O, E_in)]             # aggregate_func: BEFORE rounding
    E = [r_round(e, 2) for e in E_in] if shmi_rounding else E_in[:]
    Y = [math.log(o / e) if o > 0 else -math.inf for o, e in zip(O, E)]
    s = [1 / math.sqrt(e) for e in E]
    z = [math.sqrt(e) * y for e, y in zip(E, Y)]      # Uzscore
    # truncation()
    k = 1 / trim_by
    maxk = k - 1
    mink = 0.0                                        # min(k/k) - 1
    rk = r_rank_average(z)
    sp = [math.floor(r * k / (len(rk) + 1)) for r in rk]
    truncated = [0 if (mink < p < maxk) else 1 for p in sp]
    kept = [i for i in range(len(z)) if not truncated[i]]
    n = len(kept)
    phi = (1 / n) * r_sum(z[i] ** 2 for i in kept)
    S = [s[i] for i in kept]
    if len(S) == 0 or n * phi < n - 1:
        tau2 = 0.0
    else:
        w = [1 / (si ** 2) for si in S]
        tau2 = max(0.0, (n * phi - (n - 1)) / (r_sum(w) - r_sum(wi ** 2 for wi in w) / r_sum(w)))
    if not draw_adjusted:
        phi, tau2 = 0.0, 0.0
    if draw_adjusted and not draw_unadjusted and phi <= 1:
        draw_adjusted, draw_unadjusted = False, True
    rows = []
    for i in range(len(orgs)):
        od = sr_shmi_od_limits(E[i], tau2, multiplier)   # OD columns always carry tau2
        un = sr_poisson_limits(E[i], 1.0, multiplier)
        use = od if draw_adjusted else un
        lo, hi = (use[0], use[1]) if limit == 95 else (use[2], use[3])
        v = rr[i] * multiplier
        outlier = 0 if (not draw_adjusted and not draw_unadjusted) else (0 if lo <= v <= hi else 1)
        rows.append(dict(group=orgs[i][0], O=O[i], E_in=E_in[i], E=E[i], rr=rr[i],
                         Y=Y[i], s=s[i], z=z[i], rk=rk[i], sp=sp[i],
                         truncated=truncated[i], od=od, un=un, outlier=outlier))
    return dict(rows=rows, n_kept=n, phi=phi, tau2=tau2,
                draw_adjusted=draw_adjusted, draw_unadjusted=draw_unadjusted)


# ------------------------------------------------------------ report
def g(x):
    return "%.10g" % x


def hl(v, lo, hi):
    return "HIGH" if v > hi else ("LOW" if v < lo else "-")


RATES = [("A", 900, 400), ("B", 1500, 620), ("C", 300, 180), ("D", 2600, 1000),
         ("E", 700, 410), ("F", 1200, 450), ("G", 250, 150), ("H", 3100, 1250),
         ("I", 640, 330), ("J", 1800, 700), ("K", 420, 260), ("L", 2000, 780)]


def main():
    O = {gname: o for gname, o, _ in RATES}
    X = {gname: x for gname, _, x in RATES}
    rate0 = sum(O.values()) / sum(X.values())          # integer sums: exact
    orgs = [(gname, O[gname], X[gname] * rate0) for gname, _, _ in RATES]
    res = funnel_sr_shmi(orgs)
    rows = res["rows"]
    print("=" * 100)
    print("Rates via FunnelPlotR SR / SHMI (trim_by 0.1, SHMI_rounding TRUE, limit 99)")
    print("=" * 100)
    print("sum O = %d, sum X = %d, pooled rate = %s" % (sum(O.values()), sum(X.values()), g(rate0)))
    print("%-3s %5s %5s %-11s %-16s %-9s %-14s %-15s %-5s %-3s %-5s" %
          ("org", "O", "X", "rate O/X", "E=X*rate (in)", "E round2", "ratio O/E_in",
           "z=sqrt(E)lnO/E", "rank", "sp", "kept"))
    for r in rows:
        print("%-3s %5d %5d %-11s %-16s %-9s %-14s %-15s %-5s %-3d %-5s" %
              (r["group"], r["O"], X[r["group"]], g(r["O"] / X[r["group"]]), g(r["E_in"]),
               g(r["E"]), g(r["rr"]), g(r["z"]), g(r["rk"]), r["sp"],
               "no" if r["truncated"] else "yes"))
    print("dropped by truncation:", ", ".join(r["group"] for r in rows if r["truncated"]))
    print("n kept = %d, phi = %s, tau2 = %s" % (res["n_kept"], g(res["phi"]), g(res["tau2"])))
    print("phi > 1 -> OD-adjusted limits used:", res["draw_adjusted"])
    for key, title in (("od", "OD-adjusted limits (tau2 = %s)" % g(res["tau2"])),
                       ("un", "Unadjusted exact-Poisson limits (shown for reference%s)" %
                        ("" if not res["draw_adjusted"] else "; NOT used, phi > 1"))):
        print()
        print(title + ", ratio scale:")
        print("%-3s %-13s %-13s %-13s %-13s %-13s %-5s %-5s" %
              ("org", "ratio", "ll95", "ul95", "ll998", "ul998", "95%", "99.8%"))
        for r in rows:
            L = r[key]
            print("%-3s %-13s %-13s %-13s %-13s %-13s %-5s %-5s" %
                  (r["group"], g(r["rr"]), g(L[0]), g(L[1]), g(L[2]), g(L[3]),
                   hl(r["rr"], L[0], L[1]), hl(r["rr"], L[2], L[3])))
        print(title.split(" (")[0] + ", rate scale (x pooled rate):")
        print("%-3s %-13s %-13s %-13s %-13s %-13s %-5s %-5s" %
              ("org", "rate O/X", "ll95", "ul95", "ll998", "ul998", "95%", "99.8%"))
        for r in rows:
            L = [v * rate0 for v in r[key]]
            rt = r["O"] / X[r["group"]]
            print("%-3s %-13s %-13s %-13s %-13s %-13s %-5s %-5s" %
                  (r["group"], g(rt), g(L[0]), g(L[1]), g(L[2]), g(L[3]),
                   hl(rt, L[0], L[1]), hl(rt, L[2], L[3])))
    print()
    print("FunnelPlotR 'outlier' column (limit=99, set %s): %s" %
          ("OD" if res["draw_adjusted"] else "unadjusted",
           ", ".join(r["group"] for r in rows if r["outlier"]) or "none"))
    r95 = funnel_sr_shmi(orgs, limit=95)
    print("FunnelPlotR 'outlier' column (limit=95, set %s): %s" %
          ("OD" if r95["draw_adjusted"] else "unadjusted",
           ", ".join(r["group"] for r in r95["rows"] if r["outlier"]) or "none"))
    return rate0, orgs, res


def compact():
    """The block reproduced in funnel-spec.md section 6."""
    O = {gn: o for gn, o, _ in RATES}
    X = {gn: x for gn, _, x in RATES}
    rate0 = sum(O.values()) / sum(X.values())
    res = funnel_sr_shmi([(gn, O[gn], X[gn] * rate0) for gn, _, _ in RATES])
    rows = res["rows"]
    print("pooled rate %s | dropped %s | n kept %d | phi %s | tau2 %s | OD used %s" % (
        g(rate0), ",".join(r["group"] for r in rows if r["truncated"]), res["n_kept"],
        g(res["phi"]), g(res["tau2"]), res["draw_adjusted"]))
    print("org E_in=X*rate     E_rnd    O/E_in        z              rk sp OD ll95 / ul95 (ratio) | OD ll998 / ul998 (ratio)")
    for r in rows:
        L = r["od"]
        print("%-3s %-16s %-8s %-13s %-14s %-2d %-2d %s / %s | %s / %s" % (
            r["group"], g(r["E_in"]), g(r["E"]), g(r["rr"]), g(r["z"]), int(r["rk"]), r["sp"],
            g(L[0]), g(L[1]), g(L[2]), g(L[3])))
    print("org rate O/X    rate ll95     rate ul95     rate ll998    rate ul998    95%  99.8%")
    for r in rows:
        L = [v * rate0 for v in r["od"]]
        rt = r["O"] / X[r["group"]]
        print("%-3s %-13s %-13s %-13s %-13s %-13s %-4s %-4s" % (
            r["group"], g(rt), g(L[0]), g(L[1]), g(L[2]), g(L[3]),
            hl(r["rr"], r["od"][0], r["od"][1]), hl(r["rr"], r["od"][2], r["od"][3])))


if __name__ == "__main__":
    import sys
    if "--compact" in sys.argv:
        compact()
    else:
        main()
