//! `doctor CASE.json` prints a readable report; `doctor --json CASE.json` prints it as
//! JSON; `-` reads standard input. Exit 0 whenever a report was produced, 2 for
//! unreadable input.

use doctor401::diag::{self, Case};
use std::io::Read;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

const USAGE: &str = "usage: doctor [--json] [--clock UNIX] CASE.json|-\n\
  Reads a case (shared/case-format.md) or a scenario file and prints the diagnosis.\n\
  --json         print the report as JSON\n\
  --clock UNIX   the current time in Unix seconds, for a reproducible run\n\
  -              read the case from standard input";

fn main() -> ExitCode {
    let mut json = false;
    let mut path = None;
    let mut clock = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--clock" => match args.next().and_then(|t| t.parse::<i64>().ok()) {
                Some(t) => clock = Some(t),
                None => return fail("--clock takes the time in Unix seconds"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if path.is_none() => path = Some(arg),
            _ => return fail("more than one case file given"),
        }
    }
    let Some(path) = path else {
        return fail("no case file given");
    };
    let text = match read(&path) {
        Ok(t) => t,
        Err(e) => return fail(&format!("cannot read {path}: {e}")),
    };
    let case = match parse(&text) {
        Ok(c) => c,
        Err(e) => return fail(&format!("{path}: {e}")),
    };
    let now = clock.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    let report = diag::diagnose(&case, now).report;
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => return fail(&format!("cannot print the report: {e}")),
        }
    } else {
        print!("{}", diag::render::text::render(&report));
    }
    ExitCode::SUCCESS
}

fn read(path: &str) -> std::io::Result<String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        Ok(s)
    } else {
        std::fs::read_to_string(path)
    }
}

/// A case file, or a scenario file (whose `case` is taken).
fn parse(text: &str) -> Result<Case, diag::CaseError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(diag::CaseError::Json)?;
    let is_scenario = value
        .as_object()
        .is_some_and(|o| o.contains_key("case") && o.contains_key("expect"));
    if is_scenario {
        let case = value.get("case").cloned().unwrap_or_default();
        Case::from_value(case)
    } else {
        Case::from_value(value)
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("doctor: {msg}\n{USAGE}");
    ExitCode::from(2)
}
