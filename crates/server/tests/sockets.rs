//! The server's limits on real loopback sockets (docs/robustness.md): a body over the limit is
//! refused on GET too, a client that does not finish its headers in time is disconnected, so is a
//! kept-alive connection left idle, and a connection over the cap is answered 503.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn start(limits: entente_server::Limits) -> std::net::SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let s = entente_scenario::load_bundled().valid().unwrap().clone();
            let app = entente_server::router(s, limits);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let _ = entente_server::serve(listener, app, limits).await;
        });
    });
    rx.recv().unwrap()
}

fn connect(addr: std::net::SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

/// Everything the server sends until it closes (or 10 s pass).
fn read_all(s: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_get_with_a_body_over_the_limit_is_refused() {
    let addr = start(entente_server::Limits::default());
    let mut s = connect(addr);
    let body = "x".repeat(2048);
    write!(
        s,
        "GET /api/scenario HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let r = read_all(&mut s);
    assert!(r.starts_with("HTTP/1.1 413"), "{}", &r[..r.len().min(200)]);
    // A small body is read and ignored.
    let mut s = connect(addr);
    write!(
        s,
        "GET /api/scenario HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 10\r\n\r\n0123456789"
    )
    .unwrap();
    assert!(read_all(&mut s).starts_with("HTTP/1.1 200"));
    // A chunked body over the limit, with no length declared, is refused too.
    let mut s = connect(addr);
    let chunk = "y".repeat(1500);
    write!(
        s,
        "GET /api/scenario HTTP/1.1\r\nhost: x\r\nconnection: close\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    )
    .unwrap();
    assert!(read_all(&mut s).starts_with("HTTP/1.1 413"));
}

#[test]
fn a_client_slow_to_send_its_headers_is_disconnected() {
    let addr = start(entente_server::Limits {
        header_timeout: Duration::from_millis(500),
        ..entente_server::Limits::default()
    });
    let mut s = connect(addr);
    let started = Instant::now();
    s.write_all(b"G").unwrap();
    let mut buf = [0u8; 256];
    // The server closes the socket (read gives 0 or an error) well before our 10 s read timeout.
    let n = s.read(&mut buf).unwrap_or(0);
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(5),
        "still open after {waited:?} ({n} bytes)"
    );
    assert!(
        waited >= Duration::from_millis(400),
        "closed too early: {waited:?}"
    );
    // A silent socket, not even one byte, is closed as well.
    let mut s = connect(addr);
    let started = Instant::now();
    let _ = s.read(&mut buf);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_kept_alive_connection_left_idle_is_closed() {
    let addr = start(entente_server::Limits {
        header_timeout: Duration::from_millis(500),
        ..entente_server::Limits::default()
    });
    let mut s = connect(addr);
    s.write_all(b"GET /api/scenario HTTP/1.1\r\nhost: x\r\n\r\n")
        .unwrap();
    // The answer comes, the connection stays open for a next request (keep-alive), and then,
    // silent, it is closed after the header timeout: read_all returns well before its 10 s.
    let started = Instant::now();
    let r = read_all(&mut s);
    let waited = started.elapsed();
    assert!(r.starts_with("HTTP/1.1 200"), "{}", &r[..r.len().min(200)]);
    assert!(
        !r.to_ascii_lowercase().contains("connection: close"),
        "kept alive"
    );
    assert!(waited < Duration::from_secs(5), "idle for {waited:?}");
    assert!(
        waited >= Duration::from_millis(400),
        "closed too early: {waited:?}"
    );
}

#[test]
fn a_connection_over_the_cap_is_answered_503() {
    let addr = start(entente_server::Limits {
        max_connections: 3,
        header_timeout: Duration::from_secs(5),
        ..entente_server::Limits::default()
    });
    let idle: Vec<TcpStream> = (0..3).map(|_| connect(addr)).collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut extra = connect(addr);
    let r = read_all(&mut extra);
    assert!(r.starts_with("HTTP/1.1 503"), "{r:?}");
    drop(idle);
    // Once they close, a new connection is served.
    std::thread::sleep(Duration::from_millis(300));
    let mut s = connect(addr);
    s.write_all(b"GET /api/scenario HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .unwrap();
    assert!(read_all(&mut s).starts_with("HTTP/1.1 200"));
}
