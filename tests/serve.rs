//! `stance serve` through HTTP: the JSON endpoint answers what `predict --format json` answers,
//! limits and bad input get their status and a message, the page reads an article (in headless
//! Chromium too), and Ctrl-C stops the server cleanly. Only the loopback address is used.

mod browser;
mod common;
use common::stance;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `stance serve` on a free loopback port, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    /// What the server printed on stderr after the address line.
    log: std::sync::mpsc::Receiver<String>,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("stance"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let first = lines.next().expect("serve prints its address").unwrap();
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        let (tx, log) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for l in lines.map_while(Result::ok) {
                let _ = tx.send(l);
            }
        });
        Server { child, addr, log }
    }

    /// Sends one request; (status, body).
    fn request(&self, method: &str, path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.addr,
            body.len()
        )
        .unwrap();
        // The server may answer 413 before the whole body is sent and close: not an error here.
        let _ = s.write_all(body);
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let status = raw
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status in {raw:?}"));
        let body = raw.split_once("\r\n\r\n").map_or("", |x| x.1).to_string();
        (status, body)
    }

    fn post_json(&self, body: &str) -> (u16, String) {
        self.request("POST", "/predict", "application/json", body.as_bytes())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `predict --format json` on JSONL from stdin, parsed.
fn predict_json(jsonl: &str) -> serde_json::Value {
    let out = stance()
        .args(["predict", "-q", "--format", "json", "-"])
        .write_stdin(jsonl)
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

const PUTIN: &str =
    "Putin warned against arming the rebels, while Obama said the Syrian president had to go.";

#[test]
fn the_json_endpoint_answers_what_predict_answers() {
    let server = Server::start(&["-q"]);
    let one = serde_json::json!({ "text": PUTIN }).to_string();
    let (status, body) = server.post_json(&one);
    assert_eq!(status, 200, "{body}");
    let got: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(got, predict_json(&one));
    let actors: Vec<&str> = got
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["actor"].as_str().unwrap())
        .collect();
    assert!(actors.contains(&"Vladimir Putin") && actors.contains(&"Barack Obama"));
    // A list, with ids and dates, is read as predict reads the same JSONL lines.
    let two = [
        serde_json::json!({ "id": "a", "date": "2013-05-01", "text": PUTIN }),
        serde_json::json!({ "id": 7, "text": "Moscow said it would never allow a no-fly zone over Syria." }),
    ];
    let (status, body) = server.post_json(&serde_json::Value::from(two.to_vec()).to_string());
    assert_eq!(status, 200, "{body}");
    let jsonl: String = two.iter().map(|v| format!("{v}\n")).collect();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap(),
        predict_json(&jsonl)
    );
}

#[test]
fn bad_requests_get_a_status_and_a_message() {
    let server = Server::start(&["-q", "--max-body-bytes", "2000"]);
    let (status, body) = server.post_json("{not json");
    assert_eq!(status, 400);
    assert!(body.contains("invalid JSON"), "{body}");
    let (status, body) = server.post_json(r#"{"txt": "Moscow vetoed it."}"#);
    assert_eq!(status, 400);
    assert!(body.contains("missing field \\\"text\\\""), "{body}");
    let (status, body) = server.post_json(r#"{"text": "Moscow vetoed it.", "date": "2016-02-30"}"#);
    assert_eq!(status, 400);
    assert!(body.contains("date"), "{body}");
    let (status, body) = server.post_json("42");
    assert_eq!(status, 400);
    assert!(body.contains("expected an article object"), "{body}");
    let big =
        serde_json::json!({ "text": "Moscow vetoed the resolution. ".repeat(200) }).to_string();
    let (status, body) = server.post_json(&big);
    assert_eq!(status, 413);
    assert!(
        body.contains("larger than the limit of 2000 bytes"),
        "{body}"
    );
    let (status, _) = server.request("GET", "/predict", "text/plain", b"");
    assert_eq!(status, 405);
    let (status, _) = server.request("GET", "/nowhere", "text/plain", b"");
    assert_eq!(status, 404);
    // The server is still there after all that.
    let (status, _) = server.post_json(r#"{"text": "Moscow vetoed the resolution."}"#);
    assert_eq!(status, 200);
}

#[test]
fn the_page_reads_a_posted_article_without_javascript() {
    let server = Server::start(&["-q"]);
    let (status, page) = server.request("GET", "/", "text/plain", b"");
    assert_eq!(status, 200);
    assert!(page.contains("<textarea") && page.contains("method=\"post\""));
    assert!(!page.contains("<script"));
    let form: String = form_body(&[
        ("text", &format!("{PUTIN} <script>alert(1)</script>")),
        ("date", "2013-05-01"),
    ]);
    let (status, page) = server.request(
        "POST",
        "/",
        "application/x-www-form-urlencoded",
        form.as_bytes(),
    );
    assert_eq!(status, 200);
    assert!(page.contains("<mark class=\"pos\" title=\"Vladimir Putin: supports\">Putin</mark>"));
    assert!(page.contains("<mark class=\"neg\" title=\"Barack Obama: opposes\">Obama</mark>"));
    assert!(!page.contains("<script"), "the pasted text stays text");
    assert!(
        page.contains("value=\"2013-05-01\""),
        "the form keeps the date"
    );
    let (status, page) = server.request(
        "POST",
        "/",
        "application/x-www-form-urlencoded",
        form_body(&[("text", PUTIN), ("date", "tomorrow")]).as_bytes(),
    );
    assert_eq!(status, 400);
    assert!(page.contains("is not a date"), "{page}");
}

/// An `application/x-www-form-urlencoded` body.
fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let enc: String = v
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                        (b as char).to_string()
                    }
                    b' ' => "+".into(),
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("{k}={enc}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut server = Server::start(&[]);
    let (status, _) = server.post_json(r#"{"text": "Moscow vetoed the resolution."}"#);
    assert_eq!(status, 200);
    let ok = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let mut waited = 0;
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(waited < 200, "serve did not stop within 10 s of SIGINT");
        std::thread::sleep(Duration::from_millis(50));
        waited += 1;
    };
    assert!(status.success(), "{status:?}");
    let log: Vec<String> = server.log.try_iter().collect();
    assert!(log.iter().any(|l| l == "serve: stopped"), "{log:?}");
}

#[test]
fn chromium_shows_the_served_reading() {
    let Some(chromium) = browser::chromium_or_skip("chromium_shows_the_served_reading") else {
        return;
    };
    let server = Server::start(&["-q"]);
    let url = format!(
        "http://{}/?{}",
        server.addr,
        form_body(&[("text", PUTIN), ("date", "2013")])
    );
    let dom = browser::dump_dom(&chromium, &url);
    assert!(dom.contains("<textarea"), "the form");
    assert!(dom.contains("Vladimir Putin") && dom.contains("Barack Obama"));
    assert!(dom.contains(">supports<") && dom.contains(">opposes<"));
    assert!(dom.contains("<mark class=\"neg\""));
    let shot = browser::screenshot(&chromium, &url, 1280, 900);
    assert_eq!((shot.width, shot.height), (1280, 900));
    assert!(shot.colours() > 50, "{} colours", shot.colours());
    assert!(shot.ink() > 0.02, "ink {}", shot.ink());
}
