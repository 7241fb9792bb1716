//! `entente serve`: server-rendered HTML with inline SVG, and a JSON API, over one immutable
//! scenario. Works offline — no CDN, fonts or scripts. Every number comes from `entente-analysis`;
//! this crate parses requests, calls the analyses and lays out their results.
//!
//! Safety: read-only (GET only), loopback by default (the caller picks the address), and bounded —
//! at most `max_concurrent` requests in flight, more are answered at once with 503; each request
//! has a time limit (503 when exceeded); query strings are parsed leniently and every bad value is a
//! 400 with a message, never a panic. Paths name actors and agreements by id and never touch the
//! file system.
//!
//! ```
//! // The app over the bundled scenario, with the default limits (64 requests at once, 10 s each).
//! let s = entente_scenario::load_bundled().valid().unwrap().clone();
//! let app = entente_server::router(s, entente_server::Limits::default());
//! # drop(app);
//! ```

mod alignment_pages;
mod code_pages;
mod forecast_pages;
mod pages;

use entente_render::html;

use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use entente_model::Scenario;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;

/// The server's limits.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Requests handled at once; more are refused with 503.
    pub max_concurrent: usize,
    /// Time allowed per request.
    pub timeout: Duration,
    /// The most Monte Carlo trials one request may ask for.
    pub max_trials: u64,
    /// Time a client has to send a request's headers, on a new connection and between requests
    /// on a kept-alive one; a slow or silent socket is closed after it.
    pub header_timeout: Duration,
    /// Connections open at once; one more is answered 503 and closed.
    pub max_connections: usize,
}

/// The largest request body accepted, whatever the method (no handler reads one).
pub const MAX_BODY_BYTES: usize = 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_concurrent: 64,
            timeout: Duration::from_secs(10),
            max_trials: 200_000,
            header_timeout: Duration::from_secs(5),
            max_connections: 256,
        }
    }
}

/// What every handler sees.
pub struct AppState {
    pub scenario: Scenario,
    pub limits: Limits,
    /// Pieces of work running off the async runtime now (see `pages::blocking`): a timed-out or
    /// abandoned request stops its work, and this count shows it.
    pub busy: std::sync::atomic::AtomicUsize,
    /// The event-coding dictionaries, when the server was started with them (`/code`).
    pub coder: Option<Arc<entente_coder::code::Dictionaries>>,
}

/// An error as the user sees it: a status and a message, as HTML or JSON.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
    pub json: bool,
}

impl Failure {
    pub fn bad(message: impl Into<String>, json: bool) -> Failure {
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            json,
        }
    }
    pub fn not_found(message: impl Into<String>, json: bool) -> Failure {
        Failure {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
            json,
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        if self.json {
            (
                self.status,
                axum::Json(
                    serde_json::json!({ "error": self.message, "status": self.status.as_u16() }),
                ),
            )
                .into_response()
        } else {
            (
                self.status,
                axum::response::Html(html::page(
                    "Error",
                    &format!(
                        "<h1>{}</h1><p>{}</p><p><a href=\"/\">Back to the overview</a></p>",
                        self.status,
                        html::esc(&self.message)
                    ),
                )),
            )
                .into_response()
        }
    }
}

/// The application: pages, API and limits.
pub fn router(scenario: Scenario, limits: Limits) -> Router {
    app(scenario, limits).0
}

/// [`router`], with the state its handlers share (to watch `busy`).
pub fn app(scenario: Scenario, limits: Limits) -> (Router, Arc<AppState>) {
    app_with_coder(scenario, limits, None)
}

/// [`app`] with event-coding dictionaries for the `/code` page and `/api/code`.
pub fn app_with_coder(
    scenario: Scenario,
    limits: Limits,
    coder: Option<entente_coder::code::Dictionaries>,
) -> (Router, Arc<AppState>) {
    let state = Arc::new(AppState {
        scenario,
        limits,
        busy: std::sync::atomic::AtomicUsize::new(0),
        coder: coder.map(Arc::new),
    });
    let router = Router::new()
        .route("/", get(pages::overview))
        .route("/actor/{id}", get(pages::actor))
        .route("/agreement/{id}", get(pages::agreement))
        .route("/timeline", get(pages::timeline))
        .route("/cascade", get(pages::cascade))
        .route("/compare", get(pages::compare))
        .route("/balance", get(pages::balance))
        .route("/sensitivity", get(pages::sensitivity))
        .route("/alignment", get(alignment_pages::page))
        .route("/forecast", get(forecast_pages::page))
        .route("/code", get(code_pages::page))
        .route("/api/code", get(code_pages::api))
        .route("/api/forecast", get(forecast_pages::api))
        .route("/api/alignment", get(alignment_pages::api_balance))
        .route("/api/alignment/triad", get(alignment_pages::api_triad))
        .route("/api/alignment/blocs", get(alignment_pages::api_blocs))
        .route("/api/openapi.json", get(pages::openapi))
        .route("/api/scenario", get(pages::api_scenario))
        .route("/api/network", get(pages::api_network))
        .route("/api/actor/{id}", get(pages::api_actor))
        .route("/api/timeline", get(pages::api_timeline))
        .route("/api/cascade", get(pages::api_cascade))
        .fallback(pages::not_found)
        .with_state(state.clone())
        // Read-only: no handler takes a body. DefaultBodyLimit binds only handlers that read one,
        // so every request's body is read here, up to the limit, whatever the method.
        .layer(axum::middleware::from_fn(limit_body))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|e: tower::BoxError| async move {
                    let msg = if e.is::<tower::timeout::error::Elapsed>() {
                        "the request took too long; ask for fewer trials"
                    } else {
                        "the server is busy; try again"
                    };
                    (StatusCode::SERVICE_UNAVAILABLE, msg).into_response()
                }))
                .load_shed()
                .concurrency_limit(limits.max_concurrent)
                .timeout(limits.timeout),
        );
    (router, state)
}

/// Refuses a request whose body is over [`MAX_BODY_BYTES`] with 413, for every method.
async fn limit_body(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let too_big = || {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request bodies are limited to {MAX_BODY_BYTES} bytes; this server reads none"),
        )
            .into_response()
    };
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return too_big();
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => {
            next.run(axum::extract::Request::from_parts(
                parts,
                axum::body::Body::from(bytes),
            ))
            .await
        }
        Err(_) => too_big(),
    }
}

/// Serves until the process is stopped: HTTP/1.1, each connection given
/// `limits.header_timeout` to send each request's headers (hyper's header-read timeout, which
/// also closes a kept-alive connection left silent), at most `limits.max_connections` at once
/// (one more is answered 503 and closed).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(x) => x,
            // Out of file descriptors and the like: keep serving the connections there are.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            tokio::spawn(async move {
                // A short answer on a fresh socket fits its send buffer: one try, then close.
                if stream.writable().await.is_ok() {
                    let _ = stream.try_write(b"HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-length: 40\r\n\r\nthe server has too many connections open");
                }
            });
            continue;
        };
        let app = app.clone();
        tokio::spawn(async move {
            let service = hyper_util::service::TowerToHyperService::new(app);
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    fn app() -> Router {
        let s = entente_scenario::load_bundled().valid().unwrap().clone();
        router(s, Limits::default())
    }

    /// A request that times out frees its CPU, not just its slot: the Monte Carlo behind it stops
    /// within a chunk. 50 million trials of the NATO crisis take minutes on one thread; the request
    /// is cut at 300 ms, and the work must be gone soon after.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_timed_out_request_stops_its_work() {
        let s = entente_scenario::load_bundled().valid().unwrap().clone();
        let (app, state) = super::app(
            s,
            Limits {
                timeout: Duration::from_millis(300),
                max_trials: 50_000_000,
                ..Limits::default()
            },
        );
        let started = std::time::Instant::now();
        let (status, _) = get(&app, "/api/cascade?attacker=RUS&target=EST&trials=50000000").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(started.elapsed() < Duration::from_secs(5));
        let mut waited = Duration::ZERO;
        while state.busy.load(std::sync::atomic::Ordering::SeqCst) > 0 {
            assert!(
                waited < Duration::from_secs(5),
                "the abandoned Monte Carlo is still running {waited:?} after the timeout"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
            waited += Duration::from_millis(20);
        }
    }

    async fn get(app: &Router, uri: &str) -> (StatusCode, String) {
        let r = app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = r.status();
        let body = axum::body::to_bytes(r.into_body(), 1 << 24).await.unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    #[tokio::test]
    async fn every_page_answers_on_the_bundled_scenario() {
        let app = app();
        for uri in [
            "/",
            "/?date=2023-01&kind=defence",
            "/actor/JPN",
            "/actor/North%20Korea",
            "/agreement/rus-prk-2024",
            "/timeline",
            "/cascade",
            "/compare",
            "/balance",
            "/sensitivity",
            "/sensitivity?attacker=PRK&target=KOR&at=korean-peninsula&trials=2000",
            "/api/openapi.json",
            "/api/scenario",
            "/api/network?kind=defence",
            "/api/actor/RUS",
            "/api/timeline",
        ] {
            let (status, body) = get(&app, uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}: {body}");
            // Nothing is fetched from outside: the only URL is the SVG namespace.
            let rest = body.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assert!(
                !rest.contains("http://") && !rest.contains("https://"),
                "{uri} refers outside itself"
            );
        }
        // The explorer's answer for a North Korean attack on South Korea names the US and its treaty.
        let (status, body) = get(
            &app,
            "/cascade?attacker=PRK&target=KOR&at=korean-peninsula&trials=2000",
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains("United States")
                && body.contains("US–ROK Mutual Defense Treaty (1953) Art. III")
        );
        assert!(body.contains("How likely each is to fight (2000 trials"));
        // The tornado of a sensitivity run, with the case assessment that decides the US.
        let (_, body) = get(
            &app,
            "/sensitivity?attacker=PRK&target=KOR&at=korean-peninsula&trials=2000",
        )
        .await;
        assert!(body.contains("<svg") && body.contains("us-rok-1953 Art. III (USA) [0.75, 0.98]"));
        // The balance prints each amount once, in the unit it names, and nuclear warheads apart.
        let (_, body) = get(&app, "/balance").await;
        assert!(body.contains("CINC (NMC)"), "{body}");
        assert!(!body.contains(" M ±") && !body.contains("thousands of current US$"));
        assert!(body.contains("nuclear warheads"));
        // The 2024 treaty, in the overview network and on its page.
        let (_, body) = get(&app, "/").await;
        assert!(body.contains("PRK – RUS: defence (mutual)"));
        let (_, body) = get(&app, "/api/cascade?attacker=PRK&target=KOR&trials=0").await;
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(
            v["cascade"]["defending_side"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x == "USA")
        );
    }

    #[tokio::test]
    async fn errors_have_the_right_status_and_a_message() {
        let app = app();
        for (uri, status, text) in [
            (
                "/api/actor/nobody",
                StatusCode::NOT_FOUND,
                "no actor \\\"nobody\\\"",
            ),
            (
                "/api/network?date=2019-13",
                StatusCode::BAD_REQUEST,
                "YYYY-MM-DD",
            ),
            (
                "/api/cascade?attacker=PRK",
                StatusCode::BAD_REQUEST,
                "give both",
            ),
            (
                "/api/cascade?attacker=PRK&target=KOR&trials=1e9",
                StatusCode::BAD_REQUEST,
                "whole number",
            ),
            (
                "/api/cascade?attacker=PRK&target=KOR&trials=999999999",
                StatusCode::BAD_REQUEST,
                "at most",
            ),
            ("/api/nothing", StatusCode::NOT_FOUND, "no page"),
            ("/?kind=zzz", StatusCode::BAD_REQUEST, "one of defence"),
            (
                "/agreement/..%2F..%2Fetc%2Fpasswd",
                StatusCode::NOT_FOUND,
                "no agreement",
            ),
        ] {
            let (got, body) = get(&app, uri).await;
            assert_eq!(got, status, "{uri}: {body}");
            assert!(body.contains(text), "{uri}: {body}");
        }
        let (_, body) = get(&app, "/api/actor/nobody").await;
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["status"], 404);
    }

    /// Random paths and query strings (a seeded generator): never a panic, never a 5xx other than
    /// a 503 for a busy server.
    #[tokio::test]
    async fn no_query_string_breaks_a_handler() {
        let app = app();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let paths = [
            "/",
            "/actor/",
            "/agreement/",
            "/cascade",
            "/compare",
            "/balance",
            "/api/network",
            "/api/actor/",
            "/api/cascade",
            "/timeline",
        ];
        let keys = [
            "date", "kind", "attacker", "target", "at", "trials", "overlay", "x",
        ];
        let alphabet: Vec<char> = "aZ09-_.%~ /\\?&=#'\"<>é☃\u{0}".chars().collect();
        for _ in 0..600 {
            let mut uri = paths[(next() % paths.len() as u64) as usize].to_string();
            if uri.ends_with('/') && uri.len() > 1 {
                uri.push_str(
                    ["JPN", "PRK", "rus-prk-2024", "%E2%98%83", "%00"][(next() % 5) as usize],
                );
            }
            uri.push('?');
            for _ in 0..(next() % 5) {
                let k = keys[(next() % keys.len() as u64) as usize];
                let v: String = (0..(next() % 12))
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect();
                let enc: String = v.bytes().map(|b| format!("%{b:02X}")).collect();
                uri.push_str(&format!("{k}={enc}&"));
            }
            let (status, body) = get(&app, &uri).await;
            assert!(
                !status.is_server_error() || status == StatusCode::SERVICE_UNAVAILABLE,
                "{uri}: {status} {body}"
            );
        }
    }
}
