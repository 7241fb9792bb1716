//! Loading a dictionary directory (the layout of PETRARCH's `data/dictionaries`, as in
//! `shared/data/petrarch_dictionaries`) and entente's own supplement.

use crate::cameo::Cameo;
use crate::code::Dictionaries;
use crate::dict::{Actors, Agents, read_discards};
use crate::verbs::Verbs;
use std::path::{Path, PathBuf};

/// entente's supplement, read after the Phoenix actor files (names the 2015 files predate, each
/// citing its source); see the file's header.
pub const SUPPLEMENT_ACTORS: &str = include_str!("../dictionaries/entente.actors.txt");

/// Why a dictionary directory could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: no {what} ({pattern}); give --dictionaries DIR with the PETRARCH dictionaries (shared/data/petrarch_dictionaries has them)",
        .dir.display()
    )]
    Missing {
        dir: PathBuf,
        what: &'static str,
        pattern: &'static str,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> LoadError + '_ {
    move |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Loads every dictionary in `dir`: `*.actors.txt` (sorted by name), `*agents*.txt`, the verb
/// dictionary `CAMEO.2.0.txt`, `*discards*.txt`, `*IssueCoding*.txt`, `*prepositions*.txt`; the CAMEO tables (`CAMEO.eventcodes.txt`,
/// `CAMEO.goldsteinscale.txt`) from `cameo_dir` or, failing that, `dir`. Malformed lines are in
/// [`Dictionaries::errors`]; a missing actor or verb dictionary is an error.
pub fn load(dir: &Path, cameo_dir: Option<&Path>) -> Result<Dictionaries, LoadError> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    let name = |p: &PathBuf| {
        p.file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    let mut d = Dictionaries::default();
    let mut actors = Actors::default();
    let actor_files: Vec<&PathBuf> = names
        .iter()
        .filter(|p| name(p).ends_with(".actors.txt"))
        .collect();
    if actor_files.is_empty() {
        return Err(LoadError::Missing {
            dir: dir.into(),
            what: "actor dictionary",
            pattern: "*.actors.txt",
        });
    }
    for p in actor_files {
        d.errors.extend(actors.read(p).map_err(io(p))?);
        d.files.push(p.display().to_string());
    }
    d.errors
        .extend(actors.read_text("entente.actors.txt (built in)", SUPPLEMENT_ACTORS));
    d.files.push("entente.actors.txt (built in)".into());
    d.actors = actors;
    let mut agents = Agents::default();
    for p in names
        .iter()
        .filter(|p| name(p).contains("agents") && name(p).ends_with(".txt"))
    {
        let (a, e) = Agents::read(p).map_err(io(p))?;
        agents.extend(a);
        d.errors.extend(e);
        d.files.push(p.display().to_string());
    }
    d.agents = agents;
    let verbs = names
        .iter()
        .find(|p| name(p) == "cameo.2.0.txt")
        .ok_or_else(|| LoadError::Missing {
            dir: dir.into(),
            what: "verb dictionary",
            pattern: "CAMEO.2.0.txt",
        })?;
    let (v, e) = Verbs::read(verbs).map_err(io(verbs))?;
    d.verbs = v;
    d.errors.extend(e);
    d.files.push(verbs.display().to_string());
    if let Some(p) = names
        .iter()
        .find(|p| name(p).contains("discards") && name(p).ends_with(".txt"))
    {
        let (x, e) = read_discards(p).map_err(io(p))?;
        d.discards = x;
        d.errors.extend(e);
        d.files.push(p.display().to_string());
    }
    if let Some(p) = names
        .iter()
        .find(|p| name(p).contains("issuecoding") && name(p).ends_with(".txt"))
    {
        let (x, e) = crate::issues::Issues::read(p).map_err(io(p))?;
        d.issues = x;
        d.errors.extend(e);
        d.files.push(p.display().to_string());
    }
    if let Some(p) = names
        .iter()
        .find(|p| name(p).contains("prepositions") && name(p).ends_with(".txt"))
    {
        let text = std::fs::read_to_string(p).map_err(io(p))?;
        d.prepositions = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|w| !w.is_empty())
            .map(crate::text::upper)
            .collect();
        d.files.push(p.display().to_string());
    }
    let table = |file: &str| -> Option<PathBuf> {
        cameo_dir
            .map(|c| c.join(file))
            .filter(|p| p.is_file())
            .or_else(|| Some(dir.join(file)).filter(|p| p.is_file()))
    };
    let (codes, gold) = (
        table("CAMEO.eventcodes.txt"),
        table("CAMEO.goldsteinscale.txt"),
    );
    let (c, e) = Cameo::read(codes.as_deref(), gold.as_deref()).map_err(io(dir))?;
    d.cameo = c;
    d.errors.extend(e);
    for p in codes.iter().chain(&gold) {
        d.files.push(p.display().to_string());
    }
    Ok(d)
}
