#!/usr/bin/env python3
"""Reference implementation of FunnelPlotR's overdispersed funnel limits.

Source: nhs-r-community/FunnelPlotR v0.6.0 (HEAD 9020d49, algorithm identical to
CRAN v0.5.0): R/funnel_plot.R, R/od_adjustment.R, R/calculate_limits.R,
R/build_limits_lookup.R, R/outliers_func.R.

Standard library only.  Main target: data_type = "PR" (proportions) with the
package defaults (trim_by = 0.1, draw_adjusted = TRUE, draw_unadjusted = FALSE,
limit = 99, multiplier = 1, x_range = "auto").  SR (CQC / SHMI) overdispersion
parts are included for reference (SR *unadjusted* Poisson limits need qchisq
and are not implemented here).

Run:  python3 funnel_reference.py
"""
import math

Z95 = 1.959964   # hard-coded in calculate_limits.R
Z998 = 3.090232  # hard-coded in calculate_limits.R


# ---------------------------------------------------------------- R helpers
def r_quantile7(xs, p):
    """R stats::quantile(x, p) with default type = 7 (na.rm = TRUE)."""
    x = sorted(v for v in xs if v is not None and not math.isnan(v))
    n = len(x)
    index = 1 + max(n - 1, 0) * p          # 1-based
    lo = math.floor(index)
    hi = math.ceil(index)
    qs = x[lo - 1]
    h = index - lo
    if index > lo and x[hi - 1] != qs:
        qs = (1 - h) * qs + h * x[hi - 1]
    return qs


def r_seq_length_out(frm, to, length_out):
    """R seq(from, to, length.out = n) for n > 2 (seq.default)."""
    if frm == to:
        return [float(frm)] * length_out
    n1 = length_out - 1
    by = (to - frm) / n1
    return [float(frm)] + [frm + k * by for k in range(1, n1)] + [float(to)]


# --------------------------------------------------- overdispersion (shared)
def winsorise(z, trim_by=0.1):
    lz = r_quantile7(z, trim_by)
    uz = r_quantile7(z, 1 - trim_by)
    wz = [lz if v < lz else (uz if v > uz else v) for v in z]
    return wz, lz, uz


def phi_func(n, zs):
    return (1.0 / n) * sum(v * v for v in zs)


def tau_func(n, phi, s):
    if len(s) == 0:
        return 0.0
    if n * phi < n - 1:
        return 0.0
    w = [1.0 / (si * si) for si in s]
    sw = sum(w)
    sw2 = sum(wi * wi for wi in w)
    return max(0.0, (n * phi - (n - 1)) / (sw - sw2 / sw))


# ------------------------------------------------------------------ PR
def pr_limits_raw(target, d, tau2, multiplier=1.0):
    """calculate_limits() PR branch before truncation: (ll95, ul95, ll998, ul998)."""
    t = math.asin(math.sqrt(target))
    s = 1.0 / (2.0 * math.sqrt(d))
    sd = math.sqrt(s * s + tau2)
    return tuple(multiplier * math.sin(t + sign * z * sd) ** 2
                 for z, sign in ((Z95, -1), (Z95, 1), (Z998, -1), (Z998, 1)))


def pr_limit_table(target, tau2, denominators, multiplier=1.0, max_x=None):
    """build_limits_lookup() + calculate_limits() for PR, incl. the [0,1]
    truncation and the non-monotonicity fix that compares each grid row with
    the NEXT row of the lookup grid.  Returns {denominator: (ll95, ul95,
    ll998, ul998)} for the organisations' denominators."""
    if max_x is None:                        # x_range = "auto"
        max_x = float(math.ceil(max(denominators)))
    grid = sorted(set(r_seq_length_out(3.0, max_x, 1000) + [float(d) for d in denominators]))
    cols = [list(c) for c in zip(*(pr_limits_raw(target, d, tau2, multiplier) for d in grid))]
    top = 1.0 * multiplier
    # truncate at [0, 1*multiplier]  (lower < 0 can never happen with sin^2)
    cols[0] = [0.0 if v < 0 else v for v in cols[0]]
    cols[1] = [top if v > top else v for v in cols[1]]
    cols[2] = [0.0 if v < 0 else v for v in cols[2]]
    cols[3] = [top if v > top else v for v in cols[3]]
    m = len(grid)
    for c in (0, 2):   # lower: if ll[i] > ll[i+1] -> 0   (vectorised on old values)
        old = cols[c][:]
        for i in range(m - 1):
            if old[i] > old[i + 1]:
                cols[c][i] = 0.0
    for c in (1, 3):   # upper: if ul[i] < ul[i+1] -> 1*multiplier
        old = cols[c][:]
        for i in range(m - 1):
            if old[i] < old[i + 1]:
                cols[c][i] = top
    lookup = {g: tuple(cols[c][i] for c in range(4)) for i, g in enumerate(grid)}
    return {float(d): lookup[float(d)] for d in denominators}


def pr_limits_simple(target, d, tau2, multiplier=1.0):
    """Closed-form equivalent (what a Java port can use): clamp the
    transformed limit to [0, pi/2] before sin^2.  Identical to the grid
    version except in corner cases explained in funnel-spec.md."""
    t = math.asin(math.sqrt(target))
    sd = math.sqrt(1.0 / (4.0 * d) + tau2)
    out = []
    for z, sign in ((Z95, -1), (Z95, 1), (Z998, -1), (Z998, 1)):
        x = min(max(t + sign * z * sd, 0.0), math.pi / 2)
        out.append(multiplier * math.sin(x) ** 2)
    return tuple(out)


def funnel_pr(orgs, trim_by=0.1, multiplier=1.0, draw_adjusted=True,
              draw_unadjusted=False, limit=99):
    """orgs: list of (group, numerator, denominator), already aggregated."""
    orgs = sorted(orgs, key=lambda r: r[0])            # aggregate() sorts by group
    num = [float(r[1]) for r in orgs]
    den = [float(r[2]) for r in orgs]
    n = len(orgs)
    target = sum(num) / sum(den)                        # pooled proportion
    target_t = math.asin(math.sqrt(sum(num) / sum(den)))
    rr = [a / b for a, b in zip(num, den)]
    y = [math.asin(math.sqrt(a / b)) for a, b in zip(num, den)]
    s = [1.0 / (2.0 * math.sqrt(b)) for b in den]
    z = [(yi - target_t) / si for yi, si in zip(y, s)]
    wz, lz, uz = winsorise(z, trim_by)
    phi = phi_func(n, wz)
    tau2 = tau_func(n, phi, s)
    if not draw_adjusted:
        phi, tau2 = 0.0, 0.0
    if draw_adjusted and not draw_unadjusted and phi <= 1:
        draw_adjusted, draw_unadjusted = False, True    # fall back to unadjusted
    od = pr_limit_table(target, tau2, den, multiplier)  # OD columns always use tau2
    un = pr_limit_table(target, 0.0, den, multiplier)   # unadjusted: tau2 = 0
    rows = []
    for i in range(n):
        d = den[i]
        rows.append(dict(group=orgs[i][0], num=num[i], den=d, rr=rr[i], y=y[i],
                         s=s[i], z=z[i], wz=wz[i], od=od[d], un=un[d],
                         od_simple=pr_limits_simple(target, d, tau2, multiplier),
                         un_simple=pr_limits_simple(target, d, 0.0, multiplier)))
    # outlier flag exactly as outliers_func(): one limit, chosen set
    for r in rows:
        lims = r["od"] if draw_adjusted else r["un"]
        lo, hi = (lims[0], lims[1]) if limit == 95 else (lims[2], lims[3])
        v = r["rr"] * multiplier
        r["outlier"] = 0 if (lo <= v <= hi) else 1
    return dict(rows=rows, target=target, target_t=target_t, lz=lz, uz=uz,
                phi=phi, tau2=tau2, draw_adjusted=draw_adjusted,
                draw_unadjusted=draw_unadjusted)


# ------------------------------------------------------------------ SR (reference)
def funnel_sr_od(orgs, sr_method="CQC", trim_by=0.1, shmi_rounding=True):
    """phi / tau2 and OD limits for SR.  orgs: (group, observed, expected)."""
    orgs = sorted(orgs, key=lambda r: r[0])
    O = [float(r[1]) for r in orgs]
    E = [float(r[2]) for r in orgs]
    if sr_method == "SHMI" and shmi_rounding:
        E = [round(e, 2) for e in E]   # NB R rounds half-to-even on the binary value
    if sr_method == "SHMI":
        s = [1 / math.sqrt(e) for e in E]
        z = [math.sqrt(e) * math.log(o / e) for o, e in zip(O, E)]
        # truncation (not winsorisation): drop ranks in the outer trim_by groups
        k = 1 / trim_by
        maxk, mink = k - 1, 0
        rk = _rank_average(z)
        sp = [math.floor(r * k / (len(rk) + 1)) for r in rk]
        keep = [mink < p < maxk for p in sp]
        wz = [zi for zi, kp in zip(z, keep) if kp]
        s_used = [si for si, kp in zip(s, keep) if kp]
    else:  # CQC
        s = [1 / (2 * math.sqrt(e)) for e in E]
        z = [(math.sqrt(o / e) - 1) / si for o, e, si in zip(O, E, s)]
        wz, _, _ = winsorise(z, trim_by)
        s_used = s
    n = len(wz)
    phi = phi_func(n, wz)
    tau2 = tau_func(n, phi, s_used)
    lims = []
    for e in E:
        if sr_method == "SHMI":
            sd = math.sqrt(1 / e + tau2)
            lims.append(tuple(math.exp(sg * zz * sd) for zz, sg in
                              ((Z95, -1), (Z95, 1), (Z998, -1), (Z998, 1))))
        else:  # CQC: NOT squared back (FunnelPlotR issue #33)
            sd = math.sqrt(1 / (4 * e) + tau2)
            lims.append(tuple(1 + sg * zz * sd for zz, sg in
                              ((Z95, -1), (Z95, 1), (Z998, -1), (Z998, 1))))
    return dict(groups=[r[0] for r in orgs], z=z, wz=wz, phi=phi, tau2=tau2, od=lims)


def _rank_average(v):
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


# ------------------------------------------------------------------ report
def g(x):
    return "%.10g" % x


def report(title, data):
    res = funnel_pr(data)
    print("=" * 78)
    print(title)
    print("=" * 78)
    print("%-3s %5s %5s %-16s %-16s %-16s %-16s %-16s" %
          ("org", "num", "den", "value", "y=asin(sqrt)", "s", "z", "z_winsorised"))
    for r in res["rows"]:
        print("%-3s %5d %5d %-16s %-16s %-16s %-16s %-16s" %
              (r["group"], r["num"], r["den"], g(r["rr"]), g(r["y"]), g(r["s"]),
               g(r["z"]), g(r["wz"])))
    print("target (pooled p)   =", g(res["target"]))
    print("target transformed  =", g(res["target_t"]))
    print("winsor q10 / q90    =", g(res["lz"]), "/", g(res["uz"]))
    print("phi                 =", g(res["phi"]))
    print("tau2                =", g(res["tau2"]))
    print("draw_adjusted after phi<=1 check =", res["draw_adjusted"])
    print()
    print("OD-adjusted limits (tau2 = %s), back-transformed proportions:" % g(res["tau2"]))
    _print_limits(res, "od")
    print()
    print("Unadjusted limits (tau2 = 0):")
    _print_limits(res, "un")
    print()
    print("FunnelPlotR 'outlier' flag (limit=99 default, set used: %s): %s" % (
        "OD" if res["draw_adjusted"] else "unadjusted",
        ", ".join(r["group"] for r in res["rows"] if r["outlier"]) or "none"))
    print()


def _print_limits(res, key):
    print("%-3s %-14s %-14s %-14s %-14s %-14s %-6s %-6s" %
          ("org", "value", "ll95", "ul95", "ll998", "ul998", "95%", "99.8%"))
    mism = 0
    for r in res["rows"]:
        ll95, ul95, ll998, ul998 = r[key]
        if any(abs(a - b) > 1e-15 for a, b in zip(r[key], r[key + "_simple"])):
            mism += 1
        v = r["rr"]
        f95 = "HIGH" if v > ul95 else ("LOW" if v < ll95 else "-")
        f998 = "HIGH" if v > ul998 else ("LOW" if v < ll998 else "-")
        print("%-3s %-14s %-14s %-14s %-14s %-14s %-6s %-6s" %
              (r["group"], g(v), g(ll95), g(ul95), g(ll998), g(ul998), f95, f998))
    print("(grid-based truncation vs closed-form clamp: %d rows differ)" % mism)


DATA1 = [("A", 30, 200), ("B", 45, 250), ("C", 12, 120), ("D", 80, 400),
         ("E", 25, 300), ("F", 60, 310), ("G", 9, 90), ("H", 150, 600),
         ("I", 18, 220), ("J", 40, 180)]
DATA2 = [("A", 20, 200), ("B", 26, 250), ("C", 12, 120), ("D", 41, 400),
         ("E", 29, 300), ("F", 31, 310), ("G", 9, 90), ("H", 60, 600),
         ("I", 22, 220), ("J", 18, 180)]

if __name__ == "__main__":
    report("Dataset 1 (overdispersed), data_type = 'PR', trim_by = 0.1", DATA1)
    report("Dataset 2 (no overdispersion), data_type = 'PR', trim_by = 0.1", DATA2)
    # SR illustration with FunnelPlotR's own test data (tests/testthat/test-funnel_plot.R)
    dt = [("a", 100, 108), ("b", 150, 112), ("c", 180, 165), ("d", 80, 95),
          ("e", 120, 100), ("f", 225, 220)]
    for m in ("CQC", "SHMI"):
        r = funnel_sr_od(dt, m)
        print("SR %-4s (package test data): phi = %s, tau2 = %s" % (m, g(r["phi"]), g(r["tau2"])))
        for grp, lim in zip(r["groups"], r["od"]):
            print("   %s OD ll95 %s ul95 %s ll998 %s ul998 %s" % ((grp,) + tuple(g(v) for v in lim)))
