//! A signed edge list, the interchange of signed-network tools (signnet's `as_data_frame`,
//! Pajek exports turned into CSV, the shared CoW oracle): `from,to,sign` with an optional
//! `period` column (one network per period) and an optional `weight`. A sign is +1 or −1 (also
//! `1`, `-1`, `+`, `-`); a bad row is a reject with its line and reason.

use entente_table::csv as csvio;
use entente_table::{Loaded, TableError};
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct SignedEdge {
    /// Empty when the file has no `period` column.
    pub period: String,
    pub from: String,
    pub to: String,
    /// +1 or −1.
    pub sign: i8,
    pub weight: f64,
}

pub fn read(path: &Path) -> Result<Loaded<SignedEdge>, TableError> {
    csvio::read(path, &["from", "to", "sign"], &["period", "weight"], |r| {
        let sign = match r.text("sign").as_str() {
            "1" | "+1" | "+" | "1.0" => 1,
            "-1" | "−1" | "-" | "-1.0" => -1,
            other => return Err(format!("`sign` is \"{other}\": write 1 or -1")),
        };
        let (from, to) = (r.text("from"), r.text("to"));
        if from.is_empty() || to.is_empty() {
            return Err("`from` and `to` name the two ends; one is empty".into());
        }
        if from == to {
            return Err(format!("{from} is tied to itself"));
        }
        let weight = r.opt_num("weight")?.unwrap_or(1.0);
        if !(weight.is_finite() && weight >= 0.0) {
            return Err(format!("`weight` {weight} is not a number ≥ 0"));
        }
        Ok(SignedEdge {
            period: r.text("period"),
            from,
            to,
            sign,
            weight,
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn signs_periods_and_rejects() {
        let dir = std::env::temp_dir().join(format!("entente-signed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("e.csv");
        std::fs::write(
            &p,
            "period,from,to,sign\n46-49,AFG,IRN,1\n46-49,AFG,PAK,-1\n46-49,A,A,1\n46-49,B,C,2\n",
        )
        .unwrap();
        let l = super::read(&p).unwrap();
        assert_eq!(l.rows.len(), 2);
        assert_eq!((l.rows[1].sign, l.rows[1].period.as_str()), (-1, "46-49"));
        assert_eq!(l.rejects.len(), 2);
        assert!(
            l.rejects[1].reason.contains("write 1 or -1"),
            "{:?}",
            l.rejects
        );
        assert!(l.check_balance());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
