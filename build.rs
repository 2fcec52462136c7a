//! Builds the scenario gallery into the page: every `*.json` of the corpus
//! (`$DOCTOR_CORPUS_DIR`, default `../shared/corpus`) becomes a Rust static in
//! `$OUT_DIR/scenarios.rs`, which `src/ui/scenarios.rs` includes. The page then needs
//! no request to show or load a scenario, and no JSON parsing either: the gallery used
//! to embed the files' text and parse it with serde at run time, which put serde's
//! derive code for the whole case format into the wasm (6.8 KB brotli, issue 15).
//!
//! The JSON is read here by a small reader of our own (build scripts get no
//! dependencies from Cargo.toml's `[dependencies]`). It accepts exactly the scenario
//! format of `shared/case-format.md` and fails the build on anything else: an unknown
//! field, a wrong type, a cause id that is not a `CauseId` variant (the generated code
//! names the variants, so the compiler checks them). `tests/corpus.rs` checks the same
//! files natively with the engine's own serde reader.
//!
//! For the wasm32 page a missing or empty corpus is a build error; native builds
//! (engine, tests, `doctor`) do not include the gallery and get an empty list.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=DOCTOR_CORPUS_DIR");
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = env::var_os("DOCTOR_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../shared/corpus"));
    let for_page = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("scenarios.rs");
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut code = String::from(
        "/// Every scenario of the corpus, in file-name order (written by build.rs).\n\
         pub static SCENARIOS: &[StaticScenario] = &[\n",
    );
    // The files' own text, for the browser test that compares each built-in scenario
    // with the engine's serde reading of its file. The page never refers to it, so the
    // linker leaves it out of the page's wasm.
    let mut texts = String::from(
        "/// `(file name, JSON text)` of every scenario, for tests only.\n\
         pub static SCENARIO_JSON: &[(&str, &str)] = &[\n",
    );
    if for_page {
        let files = match corpus_files(&dir) {
            Ok(files) if !files.is_empty() => files,
            Ok(_) => fail(&format!(
                "the scenario corpus at {} holds no .json files; the page's gallery is built from it",
                dir.display()
            )),
            Err(e) => fail(&format!(
                "cannot read the scenario corpus at {}: {e}. The page's gallery is built from it: \
                 check out ../shared beside this crate or set DOCTOR_CORPUS_DIR",
                dir.display()
            )),
        };
        for path in &files {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let text = fs::read_to_string(path)
                .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", path.display())));
            let scenario = Json::parse(&text)
                .and_then(|json| scenario(&name, &json))
                .unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
            code.push_str(&scenario);
            let _ = writeln!(texts, "    ({name:?}, {text:?}),");
        }
    }
    code.push_str("];\n");
    code.push_str(&texts);
    code.push_str("];\n");
    if let Err(e) = fs::write(&out, code) {
        fail(&format!("cannot write {}: {e}", out.display()));
    }
}

fn corpus_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

// ------------------------------------------------------------------ scenario -> Rust

/// One `StaticScenario { … },` entry. The page shows the title, story, case and
/// expectation; `source` and `fixed` are read (so they are checked) but not built in.
fn scenario(file: &str, json: &Json) -> Result<String, String> {
    let top = json.object(
        "the scenario",
        &["title", "story", "source", "fixed", "case", "expect"],
    )?;
    let case = top.get("case").ok_or("no `case`")?.object(
        "case",
        &[
            "endpoint",
            "deployment",
            "api_version",
            "credential",
            "auth_header",
            "token",
            "organization",
            "project",
            "client",
            "error_text",
            "response",
            "now",
        ],
    )?;
    let expect = top
        .get("expect")
        .ok_or("no `expect`")?
        .object("expect", &["verdict", "cause"])?;
    for optional in ["source", "fixed"] {
        opt_str(top, optional)?;
    }

    let mut s = String::new();
    let _ = write!(
        s,
        "    StaticScenario {{ file: {file:?}, title: {:?}, story: {:?}, case: StaticCase {{ ",
        req_str(top, "title")?,
        req_str(top, "story")?
    );
    for field in [
        "endpoint",
        "deployment",
        "api_version",
        "credential",
        "auth_header",
        "token",
        "organization",
        "project",
        "client",
        "error_text",
        "now",
    ] {
        let _ = write!(s, "{field}: {}, ", rust_opt_str(opt_str(case, field)?));
    }
    s.push_str("response: ");
    match case.get("response") {
        None | Some(Json::Null) => s.push_str("None"),
        Some(r) => s.push_str(&response(r)?),
    }
    let verdict = match req_str(expect, "verdict")? {
        "problem" => "Problem",
        "ok" => "Ok",
        "inconclusive" => "Inconclusive",
        other => return Err(format!("unknown verdict `{other}`")),
    };
    let _ = write!(s, " }}, verdict: Verdict::{verdict}, causes: &[");
    if let Some(causes) = expect.get("cause") {
        for cause in causes.array("expect.cause")? {
            let id = cause.string("a cause id")?;
            let _ = write!(s, "CauseId::{}, ", variant(id));
        }
    }
    s.push_str("] },\n");
    Ok(s)
}

fn response(json: &Json) -> Result<String, String> {
    let r = json.object("case.response", &["status", "headers", "body", "failure"])?;
    let status = match r.get("status") {
        None | Some(Json::Null) => "None".to_string(),
        Some(Json::Number(n)) if n.parse::<u16>().is_ok() => format!("Some({n})"),
        Some(_) => return Err("case.response.status is not an HTTP status".into()),
    };
    let mut headers = String::from("&[");
    if let Some(h) = r.get("headers") {
        let Json::Object(map) = h else {
            return Err("case.response.headers is not an object".into());
        };
        for (name, value) in map {
            let _ = write!(
                headers,
                "({name:?}, {:?}), ",
                value.string("a header value")?
            );
        }
    }
    headers.push(']');
    let failure = match opt_str(r, "failure")? {
        None => "None".to_string(),
        Some(f @ ("network" | "timeout" | "cors" | "redirect")) => {
            format!("Some(BrowserFailure::{})", variant(f))
        }
        Some(other) => return Err(format!("unknown case.response.failure `{other}`")),
    };
    Ok(format!(
        "Some(StaticResponse {{ status: {status}, headers: {headers}, body: {}, failure: {failure} }})",
        rust_opt_str(opt_str(r, "body")?)
    ))
}

/// `key-invalid` -> `KeyInvalid`, as the `CauseId` (and `BrowserFailure`) variants are
/// named; a wrong guess is a compile error in the generated code, not a silent miss.
fn variant(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut c = part.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn req_str<'a>(m: &'a BTreeMap<String, Json>, key: &str) -> Result<&'a str, String> {
    opt_str(m, key)?.ok_or_else(|| format!("no `{key}`"))
}

fn opt_str<'a>(m: &'a BTreeMap<String, Json>, key: &str) -> Result<Option<&'a str>, String> {
    match m.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(v) => v.string(key).map(Some),
    }
}

fn rust_opt_str(v: Option<&str>) -> String {
    v.map_or_else(|| "None".to_string(), |s| format!("Some({s:?})"))
}

// ------------------------------------------------------------------ a small JSON reader

/// A JSON value. Numbers keep their text (the format has only integer statuses).
enum Json {
    Null,
    Bool,
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

impl Json {
    fn parse(text: &str) -> Result<Json, String> {
        let mut p = Parser { s: text, i: 0 };
        let v = p.value()?;
        p.ws();
        if p.i != p.s.len() {
            return Err(p.err("text after the JSON value"));
        }
        Ok(v)
    }

    fn object(&self, what: &str, known: &[&str]) -> Result<&BTreeMap<String, Json>, String> {
        let Json::Object(m) = self else {
            return Err(format!("{what} is not a JSON object"));
        };
        if let Some(k) = m.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(format!("unknown field `{k}` in {what}"));
        }
        Ok(m)
    }

    fn array(&self, what: &str) -> Result<&[Json], String> {
        match self {
            Json::Array(a) => Ok(a),
            _ => Err(format!("{what} is not an array")),
        }
    }

    fn string(&self, what: &str) -> Result<&str, String> {
        match self {
            Json::String(s) => Ok(s),
            _ => Err(format!("`{what}` is not a string")),
        }
    }
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> String {
        format!("JSON: {what} at byte {}", self.i)
    }

    fn ws(&mut self) {
        while self
            .s
            .as_bytes()
            .get(self.i)
            .is_some_and(|b| b" \t\r\n".contains(b))
        {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.s[self.i..].starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        match self.s.as_bytes().get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut m = BTreeMap::new();
                self.ws();
                if self.eat("}") {
                    return Ok(Json::Object(m));
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    self.ws();
                    if !self.eat(":") {
                        return Err(self.err("expected `:`"));
                    }
                    let v = self.value()?;
                    if m.insert(key.clone(), v).is_some() {
                        return Err(self.err(&format!("duplicate key `{key}`")));
                    }
                    self.ws();
                    if self.eat("}") {
                        return Ok(Json::Object(m));
                    }
                    if !self.eat(",") {
                        return Err(self.err("expected `,` or `}`"));
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut a = Vec::new();
                self.ws();
                if self.eat("]") {
                    return Ok(Json::Array(a));
                }
                loop {
                    a.push(self.value()?);
                    self.ws();
                    if self.eat("]") {
                        return Ok(Json::Array(a));
                    }
                    if !self.eat(",") {
                        return Err(self.err("expected `,` or `]`"));
                    }
                }
            }
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.i;
                while self
                    .s
                    .as_bytes()
                    .get(self.i)
                    .is_some_and(|b| b"+-.eE0123456789".contains(b))
                {
                    self.i += 1;
                }
                let n = self.s[start..self.i].to_string();
                Ok(Json::Number(n))
            }
            _ if self.eat("null") => Ok(Json::Null),
            _ if self.eat("true") || self.eat("false") => Ok(Json::Bool),
            _ => Err(self.err("expected a JSON value")),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if !self.eat("\"") {
            return Err(self.err("expected a string"));
        }
        let mut out = String::new();
        loop {
            let mut chars = self.s[self.i..].chars();
            let c = chars
                .next()
                .ok_or_else(|| self.err("unterminated string"))?;
            self.i += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let e = chars
                        .next()
                        .ok_or_else(|| self.err("unterminated escape"))?;
                    self.i += 1;
                    match e {
                        '"' | '\\' | '/' => out.push(e),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.eat("\\u") {
                                    return Err(self.err("lone surrogate"));
                                }
                                let lo = self.hex4()?;
                                0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).ok_or_else(|| self.err("bad \\u"))?);
                        }
                        _ => return Err(self.err("bad escape")),
                    }
                }
                c if (c as u32) < 0x20 => return Err(self.err("control character in string")),
                c => out.push(c),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let hex = self
            .s
            .get(self.i..self.i + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.err("bad \\u escape"))?;
        self.i += 4;
        Ok(hex)
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    println!("cargo:warning={msg}");
    std::process::exit(1);
}
