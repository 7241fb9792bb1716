//! Quantities as sources state them: "approximately 1,500", "up to 10,000", "10,000–12,000".
//!
//! An estimate keeps its range and its qualifier; nothing here turns "up to 10,000" into 10,000.
//! Written in a scenario as a table with exactly one of `exactly`, `approx`, `up_to`, `at_least`, or
//! both `min` and `max`, plus an optional `unit`: `{ approx = 1500, unit = "troops" }`.
//! A bare number means `exactly`.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// The shape of a stated quantity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    Exactly(f64),
    Approximately(f64),
    UpTo(f64),
    AtLeast(f64),
    Range { min: f64, max: f64 },
}

/// A stated quantity with its unit ("troops", "ships"); the unit may be implied by the field.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    pub amount: Amount,
    pub unit: Option<String>,
}

impl Quantity {
    pub fn exactly(v: f64) -> Self {
        Quantity {
            amount: Amount::Exactly(v),
            unit: None,
        }
    }

    /// The lowest value the statement allows, if it bounds one ("up to 10,000" has none).
    pub fn low(&self) -> Option<f64> {
        match self.amount {
            Amount::Exactly(v) | Amount::Approximately(v) | Amount::AtLeast(v) => Some(v),
            Amount::Range { min, .. } => Some(min),
            Amount::UpTo(_) => None,
        }
    }

    /// The highest value the statement allows, if it bounds one ("at least 8" has none).
    pub fn high(&self) -> Option<f64> {
        match self.amount {
            Amount::Exactly(v) | Amount::Approximately(v) | Amount::UpTo(v) => Some(v),
            Amount::Range { max, .. } => Some(max),
            Amount::AtLeast(_) => None,
        }
    }

    /// One number for arithmetic that needs one: the stated value, or a range's midpoint, or the
    /// bound of an open statement. Callers that can carry a range should use [`low`](Self::low) and
    /// [`high`](Self::high) instead.
    pub fn central(&self) -> f64 {
        match self.amount {
            Amount::Exactly(v)
            | Amount::Approximately(v)
            | Amount::UpTo(v)
            | Amount::AtLeast(v) => v,
            Amount::Range { min, max } => (min + max) / 2.0,
        }
    }

    /// The numbers of the statement, for validation.
    pub fn values(&self) -> Vec<f64> {
        match self.amount {
            Amount::Exactly(v)
            | Amount::Approximately(v)
            | Amount::UpTo(v)
            | Amount::AtLeast(v) => vec![v],
            Amount::Range { min, max } => vec![min, max],
        }
    }
}

/// Formats a number with thousands separators and at most three decimals: 10000 → "10,000".
pub fn group_thousands(v: f64) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    let whole = v.trunc() as u128;
    let frac = v - v.trunc();
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if frac > 1e-9 {
        let f = format!("{frac:.3}");
        out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
    }
    if neg { format!("-{out}") } else { out }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = group_thousands;
        match self.amount {
            Amount::Exactly(v) => write!(f, "{}", g(v))?,
            Amount::Approximately(v) => write!(f, "about {}", g(v))?,
            Amount::UpTo(v) => write!(f, "up to {}", g(v))?,
            Amount::AtLeast(v) => write!(f, "at least {}", g(v))?,
            Amount::Range { min, max } => write!(f, "{}–{}", g(min), g(max))?,
        }
        if let Some(unit) = &self.unit {
            write!(f, " {unit}")?;
        }
        Ok(())
    }
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Repr {
    #[serde(skip_serializing_if = "Option::is_none")]
    exactly: Option<f64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "approximately",
        alias = "about"
    )]
    approx: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    up_to: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at_least: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrRepr {
    Number(f64),
    Repr(Repr),
}

impl Repr {
    fn into_quantity(self) -> Result<Quantity, String> {
        let forms = [self.exactly, self.approx, self.up_to, self.at_least]
            .iter()
            .filter(|v| v.is_some())
            .count()
            + usize::from(self.min.is_some() || self.max.is_some());
        if forms != 1 {
            return Err("a quantity needs exactly one of `exactly`, `approx`, `up_to`, `at_least`, or `min` with \
                 `max`, e.g. { approx = 1500, unit = \"troops\" }"
                .to_string());
        }
        let amount = if let Some(v) = self.exactly {
            Amount::Exactly(v)
        } else if let Some(v) = self.approx {
            Amount::Approximately(v)
        } else if let Some(v) = self.up_to {
            Amount::UpTo(v)
        } else if let Some(v) = self.at_least {
            Amount::AtLeast(v)
        } else {
            match (self.min, self.max) {
                (Some(min), Some(max)) if min <= max => Amount::Range { min, max },
                (Some(min), Some(max)) => {
                    return Err(format!(
                        "the range's `min` ({min}) is greater than its `max` ({max})"
                    ));
                }
                _ => return Err(
                    "a range needs both `min` and `max`; for one bound use `at_least` or `up_to`"
                        .into(),
                ),
            }
        };
        let q = Quantity {
            amount,
            unit: self.unit,
        };
        if q.values().iter().any(|v| !v.is_finite()) {
            return Err("a quantity must be a finite number".into());
        }
        Ok(q)
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut r = Repr {
            unit: self.unit.clone(),
            ..Repr::default()
        };
        match self.amount {
            Amount::Exactly(v) => r.exactly = Some(v),
            Amount::Approximately(v) => r.approx = Some(v),
            Amount::UpTo(v) => r.up_to = Some(v),
            Amount::AtLeast(v) => r.at_least = Some(v),
            Amount::Range { min, max } => {
                r.min = Some(min);
                r.max = Some(max);
            }
        }
        r.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match NumberOrRepr::deserialize(d).map_err(|e| {
            de::Error::custom(format!(
                "{e}: a quantity is a number or a table such as {{ approx = 1500, unit = \"troops\" }}"
            ))
        })? {
            NumberOrRepr::Number(v) => Ok(Quantity::exactly(v)),
            NumberOrRepr::Repr(r) => r.into_quantity().map_err(de::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_stated() {
        let q = |a, u: &str| Quantity {
            amount: a,
            unit: Some(u.to_string()),
        };
        assert_eq!(
            q(Amount::Approximately(1500.0), "troops").to_string(),
            "about 1,500 troops"
        );
        assert_eq!(
            q(Amount::UpTo(10_000.0), "troops").to_string(),
            "up to 10,000 troops"
        );
        assert_eq!(
            q(
                Amount::Range {
                    min: 10_000.0,
                    max: 12_000.0
                },
                "troops"
            )
            .to_string(),
            "10,000–12,000 troops"
        );
        assert_eq!(group_thousands(997_000_000.0), "997,000,000");
        assert_eq!(group_thousands(0.25), "0.25");
    }

    #[test]
    fn bounds_keep_ranges() {
        let up = Quantity {
            amount: Amount::UpTo(10_000.0),
            unit: None,
        };
        assert_eq!((up.low(), up.high()), (None, Some(10_000.0)));
        let r = Quantity {
            amount: Amount::Range { min: 1.0, max: 3.0 },
            unit: None,
        };
        assert_eq!(r.central(), 2.0);
    }

    #[test]
    fn json_round_trip() {
        let q: Quantity = serde_json::from_str(r#"{"up_to": 10000, "unit": "troops"}"#).unwrap();
        assert_eq!(q.amount, Amount::UpTo(10_000.0));
        let back: Quantity = serde_json::from_str(&serde_json::to_string(&q).unwrap()).unwrap();
        assert_eq!(back, q);
        let bare: Quantity = serde_json::from_str("8").unwrap();
        assert_eq!(bare.amount, Amount::Exactly(8.0));
        assert!(serde_json::from_str::<Quantity>(r#"{"min": 3, "max": 1}"#).is_err());
        assert!(serde_json::from_str::<Quantity>(r#"{"approx": 3, "up_to": 4}"#).is_err());
    }
}
