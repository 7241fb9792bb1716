//! `entente serve`: the web app on the scenario (all the work is `entente_server`'s).

use crate::common::Error;
use entente_model::Scenario;

pub fn serve(s: &Scenario, addr: &str, max_concurrent: usize) -> Result<(), Error> {
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
    let app = entente_server::router(s.clone(), limits);
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
