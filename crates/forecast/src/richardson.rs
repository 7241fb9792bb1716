//! Richardson's arms-race equations (Richardson 1960, *Arms and Insecurity*; the discrete form of
//! dx/dt = k·y − a·x + g, dy/dt = l·x − b·y + h) fitted to two sides' military expenditure:
//!
//! Δx_t = g + k·y_{t−1} − a·x_{t−1},   Δy_t = h + l·x_{t−1} − b·y_{t−1},
//!
//! each by ordinary least squares with classical standard errors and Student-t 95% intervals. The
//! race is **stable** when a·b > k·l (fatigue outweighs reaction), and then has the equilibrium
//! x* = (g·b + k·h) / (a·b − k·l), y* = (a·h + l·g) / (a·b − k·l). A projection runs the fitted
//! equations forward from the last year, with 5–95% bands from a residual bootstrap (Efron &
//! Tibshirani 1993, §9.5: each replicate re-fits the equations on a series rebuilt from the fitted
//! values and resampled residuals — the two sides' residuals resampled together, by year — then
//! projects with resampled residuals), seeded so the bands are the same on every run.
//!
//! Richardson's own summary of 1909–1913 pools both sides: Δ(x + y) = α·(x + y − s₀); [`pooled`]
//! fits that form.

use serde::Serialize;

/// A fitted coefficient with its standard error and 95% interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Coef {
    pub value: f64,
    pub se: f64,
    pub low: f64,
    pub high: f64,
}

/// One side's equation: Δx_t = g + k·y_{t−1} − a·x_{t−1}.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Equation {
    /// Grievance (g or h).
    pub grievance: Coef,
    /// Reaction to the other side (k or l).
    pub reaction: Coef,
    /// Fatigue (a or b): the coefficient on the own level, sign flipped.
    pub fatigue: Coef,
    pub r2: f64,
    pub residuals: Vec<f64>,
}

/// Why a fit cannot be made.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error("{0} years give {1} changes; a fit of three coefficients needs at least four")]
    TooShort(usize, usize),
    #[error("the series are collinear (no unique least-squares fit)")]
    Singular,
}

/// The fitted race.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Race {
    pub years: Vec<i32>,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub side_x: Equation,
    pub side_y: Equation,
    /// a·b − k·l.
    pub stability_margin: f64,
    pub stable: bool,
    /// (x*, y*) when a·b ≠ k·l.
    pub equilibrium: Option<(f64, f64)>,
}

/// A projection with bands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Projection {
    pub years: Vec<i32>,
    /// The fitted equations run forward with no shocks.
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// 5%, 50% and 95% of the bootstrap replicates, year by year.
    pub x_band: Vec<[f64; 3]>,
    pub y_band: Vec<[f64; 3]>,
    pub replicates: usize,
}

/// Least squares of `y` on the columns of `x` (each row one observation): coefficients, standard
/// errors, residuals, R². Solved by the normal equations with Gauss–Jordan elimination and partial
/// pivoting (three or fewer columns here).
/// Coefficients, their standard errors, the residuals and R².
type Fit = (Vec<f64>, Vec<f64>, Vec<f64>, f64);

fn ols(rows: &[Vec<f64>], y: &[f64]) -> Result<Fit, FitError> {
    let (n, p) = (rows.len(), rows.first().map_or(0, Vec::len));
    if n <= p {
        return Err(FitError::TooShort(n + 1, n));
    }
    // X'X | I
    let mut m = vec![vec![0.0; 2 * p]; p];
    let mut xty = vec![0.0; p];
    for (r, &yv) in rows.iter().zip(y) {
        for i in 0..p {
            xty[i] += r[i] * yv;
            for j in 0..p {
                m[i][j] += r[i] * r[j];
            }
        }
    }
    for (i, row) in m.iter_mut().enumerate() {
        row[p + i] = 1.0;
    }
    for c in 0..p {
        let piv = (c..p)
            .max_by(|&a, &b| m[a][c].abs().total_cmp(&m[b][c].abs()))
            .unwrap_or(c);
        if m[piv][c].abs()
            < 1e-12
                * m[piv]
                    .iter()
                    .take(p)
                    .map(|v| v.abs())
                    .fold(1e-300, f64::max)
        {
            return Err(FitError::Singular);
        }
        m.swap(c, piv);
        let d = m[c][c];
        for v in m[c].iter_mut() {
            *v /= d;
        }
        let pivot_row = m[c].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != c {
                let f = row[c];
                if f != 0.0 {
                    for (v, pv) in row.iter_mut().zip(&pivot_row) {
                        *v -= f * pv;
                    }
                }
            }
        }
    }
    let inv: Vec<Vec<f64>> = m.iter().map(|r| r[p..].to_vec()).collect();
    let beta: Vec<f64> = (0..p)
        .map(|i| (0..p).map(|j| inv[i][j] * xty[j]).sum())
        .collect();
    let resid: Vec<f64> = rows
        .iter()
        .zip(y)
        .map(|(r, &yv)| yv - r.iter().zip(&beta).map(|(a, b)| a * b).sum::<f64>())
        .collect();
    let rss: f64 = resid.iter().map(|e| e * e).sum();
    let ybar = y.iter().sum::<f64>() / n as f64;
    let tss: f64 = y.iter().map(|v| (v - ybar) * (v - ybar)).sum();
    let s2 = rss / (n - p) as f64;
    let se: Vec<f64> = (0..p).map(|i| (s2 * inv[i][i]).max(0.0).sqrt()).collect();
    let r2 = if tss > 0.0 { 1.0 - rss / tss } else { 1.0 };
    Ok((beta, se, resid, r2))
}

fn coef(value: f64, se: f64, t: f64) -> Coef {
    Coef {
        value,
        se,
        low: value - t * se,
        high: value + t * se,
    }
}

fn equation(own: &[f64], other: &[f64]) -> Result<Equation, FitError> {
    let n = own.len();
    if n < 5 {
        return Err(FitError::TooShort(n, n.saturating_sub(1)));
    }
    let rows: Vec<Vec<f64>> = (1..n)
        .map(|t| vec![1.0, other[t - 1], own[t - 1]])
        .collect();
    let dy: Vec<f64> = (1..n).map(|t| own[t] - own[t - 1]).collect();
    let (b, se, resid, r2) = ols(&rows, &dy)?;
    let t = t_quantile(0.975, (rows.len() - 3) as f64);
    Ok(Equation {
        grievance: coef(b[0], se[0], t),
        reaction: coef(b[1], se[1], t),
        fatigue: coef(-b[2], se[2], t),
        r2,
        residuals: resid,
    })
}

/// Fits both equations to the aligned series (`years[i]`, `x[i]`, `y[i]`).
pub fn fit(years: &[i32], x: &[f64], y: &[f64]) -> Result<Race, FitError> {
    let sx = equation(x, y)?;
    let sy = equation(y, x)?;
    let (a, k, g) = (sx.fatigue.value, sx.reaction.value, sx.grievance.value);
    let (b, l, h) = (sy.fatigue.value, sy.reaction.value, sy.grievance.value);
    let det = a * b - k * l;
    Ok(Race {
        years: years.to_vec(),
        x: x.to_vec(),
        y: y.to_vec(),
        stability_margin: det,
        stable: a > 0.0 && b > 0.0 && det > 0.0,
        equilibrium: (det.abs() > 1e-12).then(|| ((g * b + k * h) / det, (a * h + l * g) / det)),
        side_x: sx,
        side_y: sy,
    })
}

fn step(x: f64, y: f64, e: &Equation, f: &Equation) -> (f64, f64) {
    (
        x + e.grievance.value + e.reaction.value * y - e.fatigue.value * x,
        y + f.grievance.value + f.reaction.value * x - f.fatigue.value * y,
    )
}

/// Runs the race `years` years past its last, with `replicates` bootstrap replicates (seeded).
pub fn project(race: &Race, years: usize, replicates: usize, seed: u64) -> Projection {
    let last = *race.years.last().unwrap_or(&0);
    let (mut x, mut y) = (
        *race.x.last().unwrap_or(&0.0),
        *race.y.last().unwrap_or(&0.0),
    );
    let (mut px, mut py) = (Vec::new(), Vec::new());
    for _ in 0..years {
        (x, y) = step(x, y, &race.side_x, &race.side_y);
        px.push(x);
        py.push(y);
    }
    let n = race.side_x.residuals.len();
    let mut rng = crate::rng::SplitMix64::new(seed);
    let mut sims_x: Vec<Vec<f64>> = vec![Vec::with_capacity(replicates); years];
    let mut sims_y: Vec<Vec<f64>> = vec![Vec::with_capacity(replicates); years];
    for _ in 0..replicates {
        // Rebuild the observed series from the fit and resampled residuals (by year, jointly).
        let (mut bx, mut by) = (vec![race.x[0]], vec![race.y[0]]);
        for t in 1..race.x.len() {
            let i = rng.below(n);
            let (fx, fy) = step(bx[t - 1], by[t - 1], &race.side_x, &race.side_y);
            bx.push(fx + race.side_x.residuals[i]);
            by.push(fy + race.side_y.residuals[i]);
        }
        let Ok(refit) = fit(&race.years, &bx, &by) else {
            continue;
        };
        let (mut x, mut y) = (
            *race.x.last().unwrap_or(&0.0),
            *race.y.last().unwrap_or(&0.0),
        );
        for h in 0..years {
            let i = rng.below(n);
            let (nx, ny) = step(x, y, &refit.side_x, &refit.side_y);
            x = nx + race.side_x.residuals[i];
            y = ny + race.side_y.residuals[i];
            sims_x[h].push(x);
            sims_y[h].push(y);
        }
    }
    let band = |v: &mut Vec<f64>| -> [f64; 3] {
        v.sort_by(f64::total_cmp);
        let q = |p: f64| {
            if v.is_empty() {
                f64::NAN
            } else {
                v[((v.len() - 1) as f64 * p).round() as usize]
            }
        };
        [q(0.05), q(0.5), q(0.95)]
    };
    Projection {
        years: (1..=years as i32).map(|h| last + h).collect(),
        x: px,
        y: py,
        x_band: sims_x.iter_mut().map(band).collect(),
        y_band: sims_y.iter_mut().map(band).collect(),
        replicates,
    }
}

/// The longest run of consecutive years in `from..=to` for which `value(year)` gives both sides'
/// figures (a change needs two consecutive years), as (years, x, y).
pub fn longest_run(
    from: i32,
    to: i32,
    value: impl Fn(i32) -> Option<(f64, f64)>,
) -> (Vec<i32>, Vec<f64>, Vec<f64>) {
    let mut runs: Vec<Vec<(i32, f64, f64)>> = vec![Vec::new()];
    for yr in from..=to {
        match value(yr) {
            Some((p, q)) => runs.last_mut().map_or((), |r| r.push((yr, p, q))),
            None => runs.push(Vec::new()),
        }
    }
    let run = runs.into_iter().max_by_key(|r| r.len()).unwrap_or_default();
    (
        run.iter().map(|r| r.0).collect(),
        run.iter().map(|r| r.1).collect(),
        run.iter().map(|r| r.2).collect(),
    )
}

/// Richardson's pooled form Δs_t = α·(s_{t−1} − s₀) for s = x + y: (α, s₀, the standard error of
/// α, and the number of changes).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pooled {
    pub alpha: Coef,
    pub s0: f64,
    pub changes: usize,
}

pub fn pooled(s: &[f64]) -> Result<Pooled, FitError> {
    if s.len() < 3 {
        return Err(FitError::TooShort(s.len(), s.len().saturating_sub(1)));
    }
    let rows: Vec<Vec<f64>> = (1..s.len()).map(|t| vec![1.0, s[t - 1]]).collect();
    let ds: Vec<f64> = (1..s.len()).map(|t| s[t] - s[t - 1]).collect();
    let (b, se, _, _) = ols(&rows, &ds)?;
    let t = t_quantile(0.975, (rows.len() - 2) as f64);
    Ok(Pooled {
        alpha: coef(b[1], se[1], t),
        s0: if b[1] != 0.0 { -b[0] / b[1] } else { f64::NAN },
        changes: rows.len(),
    })
}

/// The p-quantile of Student's t with `df` degrees of freedom, by bisection on its CDF (the
/// regularised incomplete beta function by Lentz's continued fraction; Press et al., *Numerical
/// Recipes*, §6.4).
pub fn t_quantile(p: f64, df: f64) -> f64 {
    let cdf = |t: f64| {
        let x = df / (df + t * t);
        let tail = 0.5 * inc_beta(df / 2.0, 0.5, x);
        if t >= 0.0 { 1.0 - tail } else { tail }
    };
    let (mut lo, mut hi) = (-1e3, 1e3);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if cdf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

fn ln_gamma(x: f64) -> f64 {
    // Lanczos (g = 7, n = 9).
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + 7.5;
    for (i, &c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

fn inc_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(a, b, x) / a
    } else {
        1.0 - front * beta_cf(b, a, 1.0 - x) / b
    }
}

fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    let tiny = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < tiny {
        d = tiny;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..300 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_from_the_tables() {
        // Student's t, 97.5%: df 1 12.706, df 5 2.571, df 30 2.042 (any statistics table).
        for (df, t) in [(1.0, 12.706), (5.0, 2.571), (30.0, 2.042)] {
            assert!((t_quantile(0.975, df) - t).abs() < 1e-3, "df {df}");
        }
    }

    /// Series simulated with known coefficients and small shocks: the fit recovers each within
    /// three standard errors, and the stability and equilibrium follow.
    #[test]
    fn recovers_known_coefficients() {
        let (g, k, a, h, l, b) = (5.0, 0.3, 0.4, 8.0, 0.2, 0.5);
        let mut r = crate::rng::SplitMix64::new(7);
        let mut x = vec![20.0];
        let mut y = vec![30.0];
        for t in 1..80 {
            let e1 = (r.next_u64() as f64 / u64::MAX as f64 - 0.5) * 2.0;
            let e2 = (r.next_u64() as f64 / u64::MAX as f64 - 0.5) * 2.0;
            let (px, py): (f64, f64) = (x[t - 1], y[t - 1]);
            x.push(px + g + k * py - a * px + e1);
            y.push(py + h + l * px - b * py + e2);
        }
        let years: Vec<i32> = (0..80).collect();
        let race = fit(&years, &x, &y).unwrap();
        let within = |c: Coef, v: f64| (c.value - v).abs() < 3.0 * c.se;
        assert!(
            within(race.side_x.grievance, g)
                && within(race.side_x.reaction, k)
                && within(race.side_x.fatigue, a)
        );
        assert!(
            within(race.side_y.grievance, h)
                && within(race.side_y.reaction, l)
                && within(race.side_y.fatigue, b)
        );
        assert!(race.stable);
        // The true equilibrium: x* = (g b + k h)/(a b − k l) = (2.5 + 2.4)/0.14 = 35, y* = (3.2 + 1)/0.14 = 30.
        let (ex, ey) = race.equilibrium.unwrap();
        assert!(
            (ex - 35.0).abs() < 3.0 && (ey - 30.0).abs() < 3.0,
            "{ex} {ey}"
        );
        let p = project(&race, 10, 200, 1);
        assert_eq!(p.years.first(), Some(&80));
        assert!(p.x_band.iter().all(|b| b[0] <= b[1] && b[1] <= b[2]));
        assert_eq!(p, project(&race, 10, 200, 1), "seeded");
    }

    #[test]
    fn pooled_form_of_an_exact_series() {
        // Δs = 0.5 (s − 100): s = 110, 115, 122.5, 133.75.
        let p = pooled(&[110.0, 115.0, 122.5, 133.75]).unwrap();
        assert!((p.alpha.value - 0.5).abs() < 1e-9 && (p.s0 - 100.0).abs() < 1e-6);
    }
}
