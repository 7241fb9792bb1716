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
    // Notes (e.g. on the datasets loaded) may come first; the address is on the "serving" line.
    let mut line = String::new();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    while !line.contains("http://") {
        line.clear();
        if err.read_line(&mut line).unwrap() == 0 {
            break;
        }
    }
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
    // Alignment: the page, the balance with every tie's evidence, the triad, the blocs.
    let (status, body) = get(&server.1, "/alignment");
    assert_eq!(status, 200);
    assert!(body.contains("frustration index") && body.contains("<svg"));
    let (status, body) = get(&server.1, "/api/alignment?date=2025-01");
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["measures"]["optimal"], true);
    assert!(
        v["ties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["a"] == "PRK" && t["b"] == "RUS")
    );
    let (status, body) = get(&server.1, "/api/alignment/triad?from=2022&to=2025");
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["periods"].as_array().unwrap().len(), 4);
    assert_eq!(v["periods"][2]["closing"], true, "2024");
    let (status, _) = get(&server.1, "/api/alignment/triad?a=nobody");
    assert_eq!(status, 404);
    let (status, body) = get(&server.1, "/api/alignment/blocs?k=2");
    assert_eq!(status, 200);
    assert!(body.contains("\"criterion\""));
    let (status, _) = get(&server.1, "/api/alignment/blocs?k=99");
    assert_eq!(status, 400);
    // Forecasts: the bundled issue, ten rounds by default.
    let (status, body) = get(&server.1, "/api/forecast");
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["issue"], "japan-alignment");
    assert_eq!(v["forecast"]["rounds"].as_array().unwrap().len(), 11);
    let (status, _) = get(&server.1, "/api/forecast?issue=nothing");
    assert_eq!(status, 404);
    let (status, _) = get(&server.1, "/api/forecast?rounds=100000");
    assert_eq!(status, 400);
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

/// Every page in a real headless browser (Debian's chromium through chromium-driver and selenium,
/// installed by `.ci/run`): content checked, the cascade explorer's form filled and submitted, a
/// screenshot of each page saved (to `ENTENTE_SCREENSHOTS`, else a temporary directory).
#[test]
fn every_page_in_a_real_browser() {
    let have = std::path::Path::new("/usr/bin/chromedriver").exists()
        && Command::new("python3")
            .args(["-c", "import selenium"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !have {
        assert!(
            std::env::var_os("ENTENTE_REQUIRE_BROWSER").is_none(),
            "chromium, chromium-driver and selenium are required here (.ci/run installs them)"
        );
        eprintln!("skipping: chromium-driver or selenium is not installed (.ci/run installs them)");
        return;
    }
    let server = start(&[]);
    let tmp = crate::util::Dir::new("browser");
    let shots = std::env::var("ENTENTE_SCREENSHOTS")
        .unwrap_or_else(|_| tmp.path().to_string_lossy().into_owned());
    let report = tmp.path().join("report.html");
    let o = crate::util::entente(&["report", "--out", report.to_str().unwrap()]);
    assert!(o.status.success());
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/e2e.py");
    let o = Command::new("python3")
        .arg(&script)
        .arg(format!("http://{}", server.1))
        .arg(&shots)
        .arg(&report)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    for page in [
        "overview",
        "actor",
        "agreement",
        "timeline",
        "cascade",
        "compare",
        "balance",
    ] {
        let png = std::path::Path::new(&shots).join(format!("serve-{page}.png"));
        let bytes = std::fs::read(&png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
            "{}",
            png.display()
        );
    }
}

/// `serve --data DIR --date D`: the pages on the world the datasets give for a day — July 1914.
#[test]
fn serves_a_data_world() {
    let Some(d) = crate::util::data() else { return };
    let srv = start(&["--data", &d, "--date", "1914-07-01"]);
    let (code, body) = get(&srv.1, "/cascade?attacker=AUH&target=YUG&trials=500");
    assert_eq!(code, 200, "{body}");
    // Montenegro, outside COW's system in 1914 but Serbia's ally in ATOP 1480, is bound.
    assert!(body.contains("MNG") && body.contains("ATOP 1480"), "{body}");
    let (code, body) = get(&srv.1, "/actor/GMY");
    assert_eq!(code, 200);
    assert!(
        body.contains("ATOP 1335"),
        "Germany's 1879 alliance with Austria-Hungary"
    );
    // A data world has no flashpoints and no overlays: the pages say so instead of failing.
    let (code, body) = get(&srv.1, "/balance");
    assert_eq!(code, 200);
    assert!(body.contains("no flashpoints"), "{body}");
    let (code, body) = get(&srv.1, "/compare?attacker=AUH&target=YUG");
    assert_eq!(code, 200);
    assert!(body.contains("no overlays"), "{body}");
    // --date without --data is refused, not ignored.
    let o = crate::util::entente(&["serve", "--date", "1914-07-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(crate::util::stderr(&o).contains("give --data DIR"));
}

/// The Text to events page: a pasted paragraph, coded, its evidence highlighted; the same as JSON;
/// without dictionaries the page says how to start the server with them.
#[test]
fn codes_a_pasted_paragraph() {
    let Some(d) = crate::util::data() else { return };
    let srv = start(&["--dictionaries", &format!("{d}/petrarch_dictionaries")]);
    let text = "In+December+2024%2C+Russian+Defense+Minister+Andrei+Belousov+visited+Pyongyang.+Japan+condemned+North+Korea.";
    let (code, body) = get(&srv.1, &format!("/code?text={text}&date=2025-01-10"));
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("2 sentences, "), "{body}");
    assert!(
        body.contains("<mark class=\"ev-src\">Russian Defense Minister</mark>"),
        "{body}"
    );
    assert!(
        body.contains("<mark class=\"ev-verb\">visited</mark>"),
        "{body}"
    );
    assert!(
        body.contains("<mark class=\"ev-tgt\">Pyongyang</mark>"),
        "{body}"
    );
    assert!(
        body.contains("<mark class=\"ev-date\">December 2024</mark>"),
        "{body}"
    );
    assert!(
        body.contains("RUSGOVMIL") && body.contains("the verb “visited” alone (VISIT)"),
        "{body}"
    );
    let (code, body) = get(&srv.1, &format!("/api/code?text={text}"));
    assert_eq!(code, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let events = v["sentences"][1]["events"].as_array().unwrap();
    assert_eq!(
        (events[0]["source"].as_str(), events[0]["target"].as_str()),
        (Some("JPN"), Some("PRK"))
    );
    let (code, _) = get(&srv.1, "/api/code?text=x&date=tomorrow");
    assert_eq!(code, 400);
    let bare = start(&[]);
    let (code, body) = get(&bare.1, "/code?text=Japan+condemned+Russia.");
    assert_eq!(code, 400);
    assert!(body.contains("--dictionaries DIR"), "{body}");
}
