//! The server's paths and query strings: any GET is answered, never with a 5xx other than 503.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tower::ServiceExt;

fn app() -> &'static axum::Router {
    static APP: OnceLock<axum::Router> = OnceLock::new();
    APP.get_or_init(|| {
        let s = entente_scenario::load_bundled().valid().unwrap().clone();
        let limits = entente_server::Limits {
            max_trials: 200,
            ..entente_server::Limits::default()
        };
        entente_server::router(s, limits)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(uri) = format!("/{}", text.trim_start_matches('/')).parse::<axum::http::Uri>() else {
        return;
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = rt.block_on(async {
        let req = axum::http::Request::get(uri)
            .body(axum::body::Body::empty())
            .unwrap();
        app().clone().oneshot(req).await.unwrap().status()
    });
    assert!(!status.is_server_error() || status.as_u16() == 503, "{status}");
});
