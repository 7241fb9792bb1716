//! Pictures of analysis results. Every number and label comes from a result; nothing is computed
//! here but where to draw it.
//!
//! - [`cascade_dot`]: the cascade as Graphviz DOT, for users who have Graphviz.
//! - [`cascade_svg`]: the same picture as a self-contained SVG, laid out here (no `dot` needed).
//! - [`html`]: the one HTML layer of `entente serve` and `entente report`.

mod cascade;
pub mod html;

pub use cascade::{cascade_dot, cascade_svg};

/// Escapes text for XML (SVG) content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub mod series;
pub use series::series_svg;

pub mod map;
pub use map::{network_map_svg, signed_map_svg};

pub mod network;
pub use network::network_svg;

pub mod tornado;
pub use tornado::tornado_svg;

pub mod forecast;
pub use forecast::{forecast_run_svg, forecast_svg, race_svg};

pub mod signed;
pub use signed::{signed_network_svg, triad_svg};

/// A capability amount in its measure's unit, written once and right: US$ billions for military
/// expenditure (NMC's and the scenario's unit is thousands of current US$, so /10⁶), a share with
/// four decimals for CINC; signed when it is a change.
pub fn capability_amount(
    m: entente_analysis::cascade::CapabilityMeasure,
    v: f64,
    signed: bool,
) -> String {
    let sign = match (signed, v < 0.0) {
        (true, true) => "−",
        (true, false) => "+",
        (false, _) => "",
    };
    match m {
        entente_analysis::cascade::CapabilityMeasure::Milex => {
            format!("{sign}US$ {:.1} bn", v.abs() / 1e6)
        }
        entente_analysis::cascade::CapabilityMeasure::Cinc => format!("{sign}{:.4}", v.abs()),
    }
}
