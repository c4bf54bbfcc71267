//! Normalised mutual information between two labellings, the measure of theme quality.

use std::collections::HashMap;
use std::hash::Hash;

/// NMI of two labellings of the same items, normalised by the arithmetic mean of the two
/// entropies (scikit-learn's default, so the figures compare). 1 is identical up to renaming,
/// 0 is independent. Two labellings that each put everything in one group count as identical.
pub fn nmi<A: Eq + Hash, B: Eq + Hash>(a: &[A], b: &[B]) -> f64 {
    assert_eq!(a.len(), b.len(), "labellings of different lengths");
    let n = a.len() as f64;
    if a.is_empty() {
        return 1.0;
    }
    let mut ca: HashMap<&A, f64> = HashMap::new();
    let mut cb: HashMap<&B, f64> = HashMap::new();
    let mut cab: HashMap<(&A, &B), f64> = HashMap::new();
    for (x, y) in a.iter().zip(b) {
        *ca.entry(x).or_default() += 1.0;
        *cb.entry(y).or_default() += 1.0;
        *cab.entry((x, y)).or_default() += 1.0;
    }
    let entropy = |c: &mut dyn Iterator<Item = f64>| -> f64 {
        c.map(|v| {
            let p = v / n;
            -p * p.ln()
        })
        .sum()
    };
    let ha = entropy(&mut ca.values().copied());
    let hb = entropy(&mut cb.values().copied());
    if ha == 0.0 && hb == 0.0 {
        return 1.0;
    }
    let mi: f64 = cab
        .iter()
        .map(|((x, y), v)| {
            let pxy = v / n;
            pxy * (pxy / ((ca[x] / n) * (cb[y] / n))).ln()
        })
        .sum();
    let denom = (ha + hb) / 2.0;
    if denom <= 0.0 {
        0.0
    } else {
        (mi / denom).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_up_to_renaming_is_one() {
        assert!((nmi(&[0, 0, 1, 1], &["b", "b", "a", "a"]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn independent_is_zero() {
        assert!(nmi(&[0, 0, 1, 1], &[0, 1, 0, 1]).abs() < 1e-12);
    }

    #[test]
    fn matches_a_hand_computed_case() {
        // a = [0,0,0,1,1,1], b = [0,0,1,1,2,2].
        // H(a) = ln 2; H(b) = ln 3; the joint cells (0,0)=2, (0,1)=1, (1,1)=1, (1,2)=2 give
        // MI = 2/6·ln(2/6 / (1/2·1/3))·2 + 1/6·ln(1/6 / (1/2·1/3))·2 = 2/3·ln 2.
        // NMI = (2/3 ln 2) / ((ln 2 + ln 3) / 2) = 0.5158037...
        let got = nmi(&[0, 0, 0, 1, 1, 1], &[0, 0, 1, 1, 2, 2]);
        let want = (2.0 / 3.0 * 2f64.ln()) / ((2f64.ln() + 3f64.ln()) / 2.0);
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        assert!((got - 0.515_803_7).abs() < 1e-6);
    }
}
