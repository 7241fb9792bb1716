//! Balance measures that need no search: the triangle index and the walk-based index.

use crate::{Graph, Sign};
use serde::Serialize;

/// Triangles by their number of negative ties, and the shares of balanced ones.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Triangles {
    /// Triangles with 0, 1, 2 and 3 negative ties ("+++", "++−", "+−−", "−−−").
    pub by_negatives: [u64; 4],
    /// Balanced (an even number of negative ties: "+++" and "+−−") over all triangles
    /// (Cartwright & Harary 1956); 1 when there is no triangle.
    pub unweighted: f64,
    /// The same with each triangle weighted by the product of its three ties' weights (with unit
    /// weights, equal to `unweighted`).
    pub weighted: f64,
}

/// Counts every triangle (each once) and the share balanced.
pub fn triangle_index(g: &Graph) -> Triangles {
    let n = g.n();
    // Ties to higher-numbered nodes only, sorted, so each triangle a < b < c is seen once.
    let mut up: Vec<Vec<(usize, i8, f64)>> = vec![Vec::new(); n];
    for e in &g.edges {
        up[e.a].push((e.b, e.sign.value(), e.weight));
    }
    for l in &mut up {
        l.sort_by_key(|x| x.0);
    }
    let tie = |a: usize, b: usize| -> Option<(i8, f64)> {
        let l = &up[a.min(b)];
        l.binary_search_by_key(&a.max(b), |x| x.0)
            .ok()
            .map(|i| (l[i].1, l[i].2))
    };
    let mut by = [0u64; 4];
    let (mut wb, mut wall) = (0.0, 0.0);
    for ups in &up {
        for (i, &(b, sab, wab)) in ups.iter().enumerate() {
            for &(c, sac, wac) in &ups[i + 1..] {
                if let Some((sbc, wbc)) = tie(b, c) {
                    let neg = [sab, sac, sbc].iter().filter(|&&s| s < 0).count();
                    by[neg] += 1;
                    let w = wab * wac * wbc;
                    wall += w;
                    if neg % 2 == 0 {
                        wb += w;
                    }
                }
            }
        }
    }
    let total: u64 = by.iter().sum();
    let balanced = by[0] + by[2];
    Triangles {
        by_negatives: by,
        unweighted: if total == 0 {
            1.0
        } else {
            balanced as f64 / total as f64
        },
        weighted: if wall == 0.0 { 1.0 } else { wb / wall },
    }
}

/// Estrada & Benzi's (2014) walk-based balance: tr e^A / tr e^|A| for the signed adjacency matrix
/// A — closed walks of every length, weighted by 1/k!, counted with their sign over all of them.
/// 1 when balanced; lower is less balanced. (Computed as Σ e^λ over the eigenvalues of each
/// symmetric matrix, by cyclic Jacobi rotations.)
pub fn walk_index(g: &Graph) -> f64 {
    let n = g.n();
    if n == 0 {
        return 1.0;
    }
    let mut signed = vec![0.0; n * n];
    let mut unsigned = vec![0.0; n * n];
    for e in &g.edges {
        let s = f64::from(e.sign.value());
        signed[e.a * n + e.b] = s;
        signed[e.b * n + e.a] = s;
        unsigned[e.a * n + e.b] = 1.0;
        unsigned[e.b * n + e.a] = 1.0;
    }
    let num: f64 = symmetric_eigenvalues(signed, n)
        .iter()
        .map(|l| l.exp())
        .sum();
    let den: f64 = symmetric_eigenvalues(unsigned, n)
        .iter()
        .map(|l| l.exp())
        .sum();
    num / den
}

/// Eigenvalues of a real symmetric n × n matrix (row-major): Householder reduction to tridiagonal
/// form, then the QL algorithm with implicit Wilkinson shifts (Martin, Reinsch & Wilkinson 1968,
/// the EISPACK routines `tred1` and `tql1`; as in Press et al., *Numerical Recipes*, §11.2–11.3).
/// About 4/3·n³ operations, an order of magnitude fewer than Jacobi's sweeps; [`eigenvalues`]
/// (Jacobi) is kept as the independent check in the tests.
pub fn symmetric_eigenvalues(mut a: Vec<f64>, n: usize) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let mut d = vec![0.0; n];
    let mut e = vec![0.0; n];
    // Householder: a becomes tridiagonal with diagonal d and off-diagonal e (e[i] below d[i]).
    for i in (1..n).rev() {
        let l = i - 1;
        let mut h = 0.0;
        if l > 0 {
            let scale: f64 = (0..=l).map(|k| a[i * n + k].abs()).sum();
            if scale == 0.0 {
                e[i] = a[i * n + l];
            } else {
                for k in 0..=l {
                    a[i * n + k] /= scale;
                    h += a[i * n + k] * a[i * n + k];
                }
                let f = a[i * n + l];
                let g = if f >= 0.0 { -h.sqrt() } else { h.sqrt() };
                e[i] = scale * g;
                h -= f * g;
                a[i * n + l] = f - g;
                let mut ff = 0.0;
                for j in 0..=l {
                    let mut g = 0.0;
                    for k in 0..=j {
                        g += a[j * n + k] * a[i * n + k];
                    }
                    for k in j + 1..=l {
                        g += a[k * n + j] * a[i * n + k];
                    }
                    e[j] = g / h;
                    ff += e[j] * a[i * n + j];
                }
                let hh = ff / (h + h);
                for j in 0..=l {
                    let f = a[i * n + j];
                    let g = e[j] - hh * f;
                    e[j] = g;
                    for k in 0..=j {
                        a[j * n + k] -= f * e[k] + g * a[i * n + k];
                    }
                }
            }
        } else {
            e[i] = a[i * n + l];
        }
        d[i] = h;
    }
    for i in 0..n {
        d[i] = a[i * n + i];
    }
    // QL with implicit shifts on (d, e).
    for i in 1..n {
        e[i - 1] = e[i];
    }
    e[n - 1] = 0.0;
    for l in 0..n {
        let mut iter = 0;
        loop {
            let mut m = l;
            while m + 1 < n {
                let dd = d[m].abs() + d[m + 1].abs();
                if e[m].abs() <= f64::EPSILON * dd {
                    break;
                }
                m += 1;
            }
            if m == l {
                break;
            }
            iter += 1;
            if iter > 60 {
                break;
            }
            let mut g = (d[l + 1] - d[l]) / (2.0 * e[l]);
            let mut r = g.hypot(1.0);
            g = d[m] - d[l] + e[l] / (g + if g >= 0.0 { r.abs() } else { -r.abs() });
            let (mut s, mut c, mut p) = (1.0, 1.0, 0.0);
            let mut i = m;
            let mut early = false;
            while i > l {
                i -= 1;
                let f = s * e[i];
                let b = c * e[i];
                r = f.hypot(g);
                e[i + 1] = r;
                if r == 0.0 {
                    d[i + 1] -= p;
                    e[m] = 0.0;
                    early = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + 2.0 * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
            }
            if early {
                continue;
            }
            d[l] -= p;
            e[l] = g;
            e[m] = 0.0;
        }
    }
    d
}

/// Eigenvalues of a real symmetric n × n matrix (row-major) by the cyclic Jacobi method
/// (Golub & Van Loan, *Matrix Computations*, §8.5): rotations until the off-diagonal mass is
/// below 1e-22 of the total, at most 100 sweeps.
pub fn eigenvalues(mut a: Vec<f64>, n: usize) -> Vec<f64> {
    let total: f64 = a.iter().map(|x| x * x).sum::<f64>().max(f64::MIN_POSITIVE);
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * n + j] * a[i * n + j])
            .sum();
        if off <= total * 1e-22 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                let (app, aqq) = (a[p * n + p], a[q * n + q]);
                let theta = (aqq - app) / (2.0 * apq);
                let sgn = if theta >= 0.0 { 1.0 } else { -1.0 };
                let t = sgn / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
            }
        }
    }
    (0..n).map(|i| a[i * n + i]).collect()
}

/// Whether a graph is balanced (its frustration index is 0), by two-colouring along the signs.
pub fn is_balanced(g: &Graph) -> bool {
    let adj = g.adjacency();
    let mut camp: Vec<Option<bool>> = vec![None; g.n()];
    for s in 0..g.n() {
        if camp[s].is_some() {
            continue;
        }
        camp[s] = Some(false);
        let mut stack = vec![s];
        while let Some(v) = stack.pop() {
            let cv = camp[v] == Some(true);
            for &(u, sign, _) in &adj[v] {
                let want = if sign == Sign::Positive.value() {
                    cv
                } else {
                    !cv
                };
                match camp[u] {
                    None => {
                        camp[u] = Some(want);
                        stack.push(u);
                    }
                    Some(c) if c != want => return false,
                    _ => {}
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_eigenvalues_of_small_matrices() {
        // [[2, 1], [1, 2]]: 1 and 3. A triangle's adjacency: 2, −1, −1.
        let mut e = eigenvalues(vec![2.0, 1.0, 1.0, 2.0], 2);
        e.sort_by(f64::total_cmp);
        assert!((e[0] - 1.0).abs() < 1e-12 && (e[1] - 3.0).abs() < 1e-12);
        let mut t = eigenvalues(vec![0., 1., 1., 1., 0., 1., 1., 1., 0.], 3);
        t.sort_by(f64::total_cmp);
        for (x, y) in t.iter().zip([-1.0, -1.0, 2.0]) {
            assert!((x - y).abs() < 1e-12, "{t:?}");
        }
    }

    #[test]
    fn householder_ql_agrees_with_jacobi() {
        let mut r = crate::rng::SplitMix64::new(3);
        for n in [1usize, 2, 3, 7, 30, 90] {
            let mut a = vec![0.0; n * n];
            for i in 0..n {
                for j in i..n {
                    let v = (r.next_u64() % 2001) as f64 / 1000.0 - 1.0;
                    let v = if r.below(3) == 0 { 0.0 } else { v };
                    a[i * n + j] = v;
                    a[j * n + i] = v;
                }
            }
            let mut x = symmetric_eigenvalues(a.clone(), n);
            let mut y = eigenvalues(a, n);
            x.sort_by(f64::total_cmp);
            y.sort_by(f64::total_cmp);
            for (p, q) in x.iter().zip(&y) {
                assert!((p - q).abs() < 1e-9, "n {n}: {p} vs {q}");
            }
        }
    }

    #[test]
    fn a_balanced_graph_scores_one_everywhere() {
        // Two camps {0,1} and {2,3}: positive within, negative between.
        let g = Graph::new(
            (0..4).map(|i| i.to_string()).collect(),
            vec![
                (0, 1, Sign::Positive),
                (2, 3, Sign::Positive),
                (0, 2, Sign::Negative),
                (1, 3, Sign::Negative),
                (0, 3, Sign::Negative),
            ],
        )
        .unwrap();
        assert!(is_balanced(&g));
        assert_eq!(triangle_index(&g).unweighted, 1.0);
        assert!((walk_index(&g) - 1.0).abs() < 1e-12);
    }
}
