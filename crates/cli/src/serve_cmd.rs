//! `entente serve`: the web app on the scenario (all the work is `entente_server`'s).

use crate::common::Error;
use entente_model::Scenario;

/// The Text to events page's dictionaries: --dictionaries DIR, else DIR/petrarch_dictionaries of
/// --data when it is there (and DIR/cameo for the scores); none otherwise (the page says so).
pub fn coder(
    cli: &crate::common::Globals,
    dir: Option<&std::path::Path>,
) -> Result<Option<entente_coder::code::Dictionaries>, Error> {
    let (dir, cameo) = crate::code_cmd::dictionary_dirs(cli, dir, None);
    let Some(dir) = dir else {
        return Ok(None);
    };
    let d = entente_coder::load::load(&dir, cameo.as_deref()).map_err(|e| e.to_string())?;
    eprintln!(
        "entente: coding dictionaries from {} ({} lines could not be read)",
        dir.display(),
        d.errors.len()
    );
    Ok(Some(d))
}

pub fn serve(
    s: &Scenario,
    addr: &str,
    max_concurrent: usize,
    coder: Option<entente_coder::code::Dictionaries>,
) -> Result<(), Error> {
    let addr: std::net::SocketAddr = addr
        .parse()
        .map_err(|_| format!("--addr {addr}: write IP:PORT, e.g. 127.0.0.1:8080"))?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "note: listening on {addr}, reachable from other machines; the server is read-only"
        );
    }
    let limits = entente_server::Limits {
        max_concurrent: max_concurrent.max(1),
        ..entente_server::Limits::default()
    };
    let app = entente_server::app_with_coder(s.clone(), limits, coder).0;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("{addr}: {e}"))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        eprintln!(
            "entente: serving {} on http://{local}/ (Ctrl-C to stop)",
            s.info.id
        );
        entente_server::serve(listener, app, limits)
            .await
            .map_err(|e| e.to_string())
    })?;
    Ok(())
}
