//! `entente atop-dyads`: ATOP's directed dyad-years built from the member file, and — when the data
//! directory also holds ATOP's own directed dyad-year file — the reconciliation of the two: how far
//! the member file alone gets, ATOP's partner-level coding learned from its table and checked on
//! held-out years, and every remaining difference with the alliance behind it.

use crate::common::Error;
use crate::output::{Format, Table, render};
use entente_datasets::atop::coding::{
    self as atop_dyads, Agreement, Obligation, PartnerCoding, Reconciliation, coding_note,
};
use entente_datasets::dir::DataDir;
use entente_datasets::load;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct AtopDyadsArgs {
    /// First year of the table written with --out.
    #[arg(long, default_value_t = 1815)]
    from: i32,
    /// Last year of the table written with --out.
    #[arg(long, default_value_t = atop_dyads::LAST_YEAR)]
    to: i32,
    /// Write the directed dyad-year table (ccode1, ccode2, year, atop_defense, …) as CSV.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write every dyad-year where the member file alone and ATOP's table differ, as CSV, with
    /// the alliances behind each extra obligation.
    #[arg(long, value_name = "FILE")]
    differences: Option<PathBuf>,
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        return "–".into();
    }
    format!("{:.2}%", 100.0 * n as f64 / d as f64)
}

fn agreement_row(what: String, g: &Agreement) -> Vec<String> {
    let mut r = vec![
        what,
        g.rows.to_string(),
        g.same.to_string(),
        pct(g.same, g.rows),
    ];
    r.extend(g.same_by_kind.iter().map(|&n| pct(n, g.rows)));
    r
}

fn tables(r: &Reconciliation) -> Vec<Table> {
    let mut a = Table::new(
        format!(
            "Agreement with ATOP's directed dyad-year table, {}–{} (share of rows equal on all five obligations, then on each)",
            r.years.0, r.years.1
        ),
        &[
            "built from",
            "rows",
            "equal",
            "share",
            "defense",
            "offense",
            "neutral",
            "nonagg",
            "consul",
        ],
    );
    a.row(agreement_row("member file alone".into(), &r.member_only));
    for h in &r.held_out {
        a.row(agreement_row(
            format!(
                "+ {} exceptions learned on {} → {}",
                h.exceptions, h.learned_on, h.tested_on
            ),
            &h.coded,
        ));
    }
    let l = &r.leave_one_alliance_out;
    let mut loao = vec![
        format!(
            "+ exceptions learned without the alliance (leave one of {} out; rows are alliance–row pairs): {} of the member file's {} own errors fixed, {} other fixes, {} new errors",
            l.alliances,
            l.own_fixed,
            l.own_wrong,
            l.fixed - l.own_fixed,
            l.new_errors
        ),
        l.tested.to_string(),
        (l.tested - (l.member_only_wrong - l.fixed + l.new_errors)).to_string(),
        pct(
            l.tested - (l.member_only_wrong - l.fixed + l.new_errors),
            l.tested,
        ),
    ];
    // Per-obligation shares are not counted per fold.
    loao.resize(9, "–".into());
    a.row(loao);
    a.row(agreement_row(
        format!(
            "+ {} exceptions learned on all years (fitted)",
            r.coding.exceptions.len()
        ),
        &r.coded,
    ));
    let mut b = Table::new(
        "Where the member file alone differs: the alliances whose partner-specific obligations ATOP corrected by hand",
        &[
            "atopid",
            "first year",
            "members",
            "obvary members",
            "rows",
            "extra obligations",
        ],
    );
    for x in &r.residual_by_alliance {
        let extra: Vec<String> = Obligation::ALL
            .iter()
            .zip(x.by_kind)
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{} {n}", k.name()))
            .collect();
        b.row(vec![
            x.atopid.to_string(),
            x.first_year.to_string(),
            x.members.to_string(),
            x.obvary_members.to_string(),
            x.rows.to_string(),
            extra.join(", "),
        ]);
    }
    let mut c = Table::new(
        "Partner-level exceptions learned from ATOP's table (under the alliance, the obligor does not owe the partner this)",
        &["atopid", "obligor", "partner", "obligation"],
    );
    for e in &r.coding.exceptions {
        c.row(vec![
            e.atopid.to_string(),
            e.obligor.to_string(),
            e.partner.to_string(),
            e.kind.name().into(),
        ]);
    }
    vec![a, b, c]
}

pub fn run(
    data: Option<&Path>,
    a: &AtopDyadsArgs,
    member_only: bool,
    format: Format,
) -> Result<(), Error> {
    let dir = DataDir::new(data.ok_or("atop-dyads needs the ATOP files: --data DIR")?);
    if a.from > a.to {
        return Err(format!("--from {} is after --to {}", a.from, a.to));
    }
    let mut notes = Vec::new();
    let members = load::read(
        &dir,
        "atop",
        entente_datasets::atop::read_members,
        &mut notes,
    );
    let dyadic = match dir.find("atop-dyadic") {
        Ok(p) => {
            let l = load::read(
                &dir,
                "atop-dyadic",
                entente_datasets::atop::read_directed_dyad_years,
                &mut notes,
            );
            crate::common::print_notes(&notes);
            Some((
                p,
                atop_dyads::published_table(&l.map_err(|e| e.to_string())?.rows),
            ))
        }
        Err(e) => {
            crate::common::print_notes(&notes);
            eprintln!("{e}: built from the member file alone, nothing to check against");
            None
        }
    };
    let members = members.map_err(|e| e.to_string())?;
    let reconciliation = dyadic
        .as_ref()
        .and_then(|(_, t)| atop_dyads::reconcile(&members.rows, t));
    let coding = match (&reconciliation, &dyadic) {
        (Some(r), Some((p, t))) if !member_only => {
            eprintln!("{}", coding_note(&r.coding, &members.rows, t, p));
            r.coding.clone()
        }
        _ => PartnerCoding::default(),
    };
    if let Some(out) = &a.out {
        let table = atop_dyads::directed_dyad_years_coded(&members.rows, a.from, a.to, &coding);
        atop_dyads::write_table(out, &table).map_err(|e| e.to_string())?;
        eprintln!(
            "wrote {} directed dyad-years to {}",
            table.len(),
            out.display()
        );
    }
    let Some(r) = reconciliation else {
        if a.differences.is_some() {
            return Err("--differences needs ATOP's directed dyad-year file in --data".into());
        }
        return Ok(());
    };
    if let Some(path) = &a.differences {
        atop_dyads::write_differences(path, &r.differences).map_err(|e| e.to_string())?;
        eprintln!(
            "wrote {} differences to {}",
            r.differences.len(),
            path.display()
        );
    }
    if format == Format::Json {
        let mut v = serde_json::to_value(&r).map_err(|e| e.to_string())?;
        if let Some(o) = v.as_object_mut() {
            // The differences go to --differences; JSON keeps the summary readable.
            o.remove("differences");
        }
        println!(
            "{}",
            serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?
        );
    } else {
        print!("{}", render(&tables(&r), format));
    }
    Ok(())
}
