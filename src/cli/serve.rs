//! `stance serve`: a local page to paste an article and see its reading, and `POST /predict`
//! for scripts. The models are loaded once, at start.

use std::io::Read;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use tiny_http::{Header, Method, Request, Response, Server};

use super::predict::{analyze_batch, row_json, AnalysisArgs};
use stance::article::{parse_article_line, Article, ReadArticles};
use stance::error::{Error, Result};
use stance::report::html::{render_page, FormState, CSP};
use stance::report::{mention_spans, ArticleReading, Polarity};
use stance::Predictor;

/// Flags of `stance serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Loopback by default, so only this computer reaches the page; port 0
    /// takes a free port. The address is printed on stderr.
    #[arg(long, default_value = "127.0.0.1:8321")]
    pub addr: SocketAddr,
    /// Largest request body accepted, in bytes (larger requests get 413).
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_body_bytes: usize,
    /// Requests answered at once.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub workers: usize,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// Set while serving: Ctrl-C then stops the server instead of ending the process.
static SERVING: AtomicBool = AtomicBool::new(false);
/// Set by the first Ctrl-C: the workers finish the request in hand and stop.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Called by the Ctrl-C handler: true when a server was asked to stop (the handler then returns
/// and the run ends normally); false when nothing is served or a stop was already asked for, so
/// the handler ends the process as for any command.
pub fn interrupt() -> bool {
    SERVING.load(Ordering::SeqCst) && !STOPPING.swap(true, Ordering::SeqCst)
}

/// How often idle workers look whether they should stop.
const POLL: Duration = Duration::from_millis(200);

/// Runs `stance serve`.
pub fn run(args: ServeArgs, quiet: bool) -> Result<()> {
    if args.workers == 0 || args.workers > 64 {
        return Err(Error::Usage(format!(
            "--workers {}: give 1 to 64",
            args.workers
        )));
    }
    if args.max_body_bytes == 0 {
        return Err(Error::Usage("--max-body-bytes must be at least 1".into()));
    }
    let predictor = Arc::new(args.analysis.predictor()?);
    let server = Server::http(args.addr).map_err(|e| {
        Error::io(
            args.addr.to_string(),
            std::io::Error::other(format!("cannot listen: {e}")),
        )
    })?;
    let bound = server
        .server_addr()
        .to_ip()
        .map_or_else(|| args.addr.to_string(), |a| a.to_string());
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "serve: warning: listening on {} reaches beyond this computer: anyone who can connect can use the page",
            args.addr.ip()
        );
    }
    SERVING.store(true, Ordering::SeqCst);
    // Always printed, even with -q: it is how a caller that asked for port 0 learns the port.
    eprintln!("serve: listening on http://{bound}/ (Ctrl-C stops)");
    let server = Arc::new(server);
    let target = predictor
        .lexicon()
        .actors
        .iter()
        .find(|a| a.role == stance::actors::Role::Target)
        .map(|a| a.name.clone());
    let ctx = Arc::new(Context {
        predictor,
        max_body: args.max_body_bytes,
        target,
        quiet,
    });
    let workers: Vec<_> = (0..args.workers)
        .map(|_| {
            let server = Arc::clone(&server);
            let ctx = Arc::clone(&ctx);
            std::thread::spawn(move || {
                while !STOPPING.load(Ordering::SeqCst) {
                    match server.recv_timeout(POLL) {
                        Ok(Some(rq)) => ctx.handle(rq),
                        Ok(None) => {}
                        Err(e) => eprintln!("serve: warning: {e}"),
                    }
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    SERVING.store(false, Ordering::SeqCst);
    eprintln!("serve: stopped");
    Ok(())
}

struct Context {
    predictor: Arc<Predictor>,
    max_body: usize,
    target: Option<String>,
    quiet: bool,
}

/// An answer: status, content type, body.
struct Answer(u16, &'static str, String);

const HTML: &str = "text/html; charset=utf-8";
const JSON: &str = "application/json";
const TEXT: &str = "text/plain; charset=utf-8";

impl Context {
    fn handle(&self, mut rq: Request) {
        let (path, query) = match rq.url().split_once('?') {
            Some((p, q)) => (p.to_string(), q.to_string()),
            None => (rq.url().to_string(), String::new()),
        };
        let method = rq.method().clone();
        let answer = match (&method, path.as_str()) {
            // A reading can be linked to: GET /?text=...&date=... reads like the form.
            (Method::Get | Method::Head, "/") if query.contains("text=") => self.form(&query),
            (Method::Get | Method::Head, "/") => {
                Answer(200, HTML, self.page(&FormState::default(), None, None))
            }
            (Method::Post, "/" | "/predict") => match self.body(&mut rq) {
                Err(a) => a,
                Ok(body) if path == "/" => self.form(&body),
                Ok(body) => self.predict(&body),
            },
            (_, "/" | "/predict") => Answer(
                405,
                TEXT,
                format!(
                    "{method} is not answered here: GET / for the page, POST /predict for JSON\n"
                ),
            ),
            _ => Answer(
                404,
                TEXT,
                format!("no page at {path}: GET / for the page, POST /predict for JSON\n"),
            ),
        };
        if !self.quiet {
            // The path is the client's: escaped, so it cannot write control codes to a terminal.
            eprintln!("serve: {method} {} -> {}", path.escape_debug(), answer.0);
        }
        let Answer(status, kind, body) = answer;
        let header = |k: &str, v: &str| {
            Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("ASCII header")
        };
        let response = Response::from_string(body)
            .with_status_code(status)
            .with_header(header("Content-Type", kind))
            .with_header(header(
                "Content-Security-Policy",
                &format!("{CSP}; form-action 'self'"),
            ))
            .with_header(header("X-Content-Type-Options", "nosniff"))
            .with_header(header("Referrer-Policy", "no-referrer"));
        // A client that went away is not the server's problem.
        let _ = rq.respond(response);
    }

    /// The request body, at most `max_body` bytes: a larger one is refused with 413 before it
    /// is read when its length is announced, else as soon as it passes the limit.
    fn body(&self, rq: &mut Request) -> std::result::Result<String, Answer> {
        let too_large = || {
            Answer(
                413,
                TEXT,
                format!(
                    "request body is larger than the limit of {} bytes (stance serve --max-body-bytes)\n",
                    self.max_body
                ),
            )
        };
        if rq.body_length().is_some_and(|n| n > self.max_body) {
            return Err(too_large());
        }
        let mut buf = Vec::new();
        rq.as_reader()
            .take(self.max_body as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Answer(400, TEXT, format!("cannot read the request body: {e}\n")))?;
        if buf.len() > self.max_body {
            return Err(too_large());
        }
        String::from_utf8(buf).map_err(|e| {
            Answer(
                400,
                TEXT,
                format!(
                    "the request body is not UTF-8 (invalid byte at {})\n",
                    e.utf8_error().valid_up_to()
                ),
            )
        })
    }

    fn page(
        &self,
        form: &FormState,
        result: Option<&ArticleReading>,
        error: Option<&str>,
    ) -> String {
        render_page(
            form,
            result,
            error,
            &self.predictor.model().labels,
            &Polarity::usual(),
            self.target.as_deref(),
        )
    }

    /// The page's form: `text` and `date`, URL-encoded.
    fn form(&self, body: &str) -> Answer {
        let mut form = FormState::default();
        for (k, v) in form_urlencoded::parse(body.as_bytes()) {
            match &*k {
                "text" => form.text = v.into_owned(),
                "date" => form.date = v.trim().to_string(),
                _ => {}
            }
        }
        let bad = |form: &FormState, msg: &str| Answer(400, HTML, self.page(form, None, Some(msg)));
        if form.text.trim().is_empty() {
            return bad(&form, "Paste an article into the box first.");
        }
        let date = if form.date.is_empty() {
            None
        } else {
            match stance::date::normalise(&form.date) {
                Ok(d) => Some(d),
                Err(e) => return bad(&form, &format!("Date: {e}.")),
            }
        };
        let mut batch = vec![Article {
            id: "article".into(),
            text: form.text.clone(),
            date,
        }];
        match analyze_batch(&self.predictor, &mut batch) {
            Ok(rows) => {
                let p = &self.predictor;
                let spans = mention_spans(p.lexicon(), p.matcher(), &batch[0], p.options().rollup);
                let reading = ArticleReading::analysed(&batch[0], &rows[0], spans);
                Answer(200, HTML, self.page(&form, Some(&reading), None))
            }
            Err(e) => Answer(500, HTML, self.page(&form, None, Some(&e.to_string()))),
        }
    }

    /// `POST /predict`: one article object or a list of them, read as `predict` reads JSONL
    /// lines (`text`, optional `id` and `date`); the answer is `predict --format json`'s.
    fn predict(&self, body: &str) -> Answer {
        let bad = |msg: String| {
            Answer(
                400,
                JSON,
                format!("{}\n", serde_json::json!({ "error": msg })),
            )
        };
        let value: serde_json::Value = match serde_json::from_str(body) {
            Ok(v) => v,
            Err(e) => return bad(format!("invalid JSON: {e}")),
        };
        let items = match value {
            serde_json::Value::Array(items) => items,
            v @ serde_json::Value::Object(_) => vec![v],
            _ => return bad("expected an article object {\"text\": ..., \"date\"?: ..., \"id\"?: ...} or a list of them".into()),
        };
        let fields = ReadArticles::default();
        let mut batch = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            // Each article is read as the JSONL line it would be, so ids (the position when
            // absent), dates and errors are predict's own.
            match parse_article_line(&item.to_string(), Path::new("request"), i + 1, &fields) {
                Ok(a) => batch.push(a),
                Err(e) => return bad(e.to_string()),
            }
        }
        match analyze_batch(&self.predictor, &mut batch) {
            Ok(results) => {
                let rows: Vec<serde_json::Value> = batch
                    .iter()
                    .zip(&results)
                    .flat_map(|(a, r)| r.iter().map(move |s| row_json(a, s)))
                    .collect();
                let mut out = serde_json::to_string_pretty(&rows).expect("JSON values serialise");
                out.push('\n');
                Answer(200, JSON, out)
            }
            Err(e) => Answer(
                500,
                JSON,
                format!("{}\n", serde_json::json!({ "error": e.to_string() })),
            ),
        }
    }
}
