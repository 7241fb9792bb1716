//! `entente serve`: the real binary on a free loopback port, over real HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server(child, addr)
}

/// A GET over HTTP/1.1: (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or("")
        .to_string();
    (status, body)
}

#[test]
fn serves_pages_and_the_api_on_loopback() {
    let server = start(&[]);
    let (status, body) = get(&server.1, "/");
    assert_eq!(status, 200);
    assert!(body.contains("Obligations in force"));
    let (status, body) = get(&server.1, "/api/openapi.json");
    assert_eq!(status, 200);
    assert!(body.contains("\"openapi\""));
    let (status, body) = get(&server.1, "/api/actor/nobody");
    assert_eq!(status, 404);
    assert!(body.contains("\"error\""));
}

#[test]
fn above_its_limit_it_answers_503_and_keeps_serving() {
    let server = start(&["--max-concurrent", "1"]);
    let addr = server.1.clone();
    let path = "/api/cascade?attacker=PRK&target=KOR&trials=200000";
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || get(&addr, path).0)
        })
        .collect();
    let codes: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(codes.iter().all(|c| *c == 200 || *c == 503), "{codes:?}");
    assert!(
        codes.contains(&503),
        "eight at once over a limit of one: {codes:?}"
    );
    assert!(codes.contains(&200), "{codes:?}");
    // Still up.
    assert_eq!(get(&addr, "/timeline").0, 200);
}
