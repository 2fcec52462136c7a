//! The `doctor` binary: reads a case or scenario file (or stdin), prints the report,
//! exits 0 when a report was produced and 2 for unreadable input.

use std::io::Write;
use std::process::{Command, Stdio};

fn doctor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_doctor"))
}

/// Runs `doctor -` with `input` on standard input; stdout and stderr captured.
fn doctor_stdin(input: &[u8]) -> std::process::Output {
    let mut child = doctor()
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn corpus(name: &str) -> String {
    format!("{}/../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_report_for_a_scenario_file() {
    let out = doctor()
        .args(["--json", &corpus("01-azure-wrong-key.json")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["verdict"].is_string(), "{report}");
    assert!(
        report["causes"].is_array() && report["findings"].is_array(),
        "{report}"
    );
}

#[test]
fn readable_report_from_stdin() {
    let out = doctor_stdin(br#"{"endpoint": "https://contoso.openai.azure.com/", "credential": "0123456789abcdef0123456789abcdef\n"}"#);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Verdict: "), "{text}");
    assert!(!text.contains("456789ab"), "the key leaked: {text}");
}

#[test]
fn unknown_field_exits_2_naming_it() {
    let out = doctor_stdin(br#"{"api-version": "2024-10-21"}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`api-version`"));
}

#[test]
fn missing_file_and_no_argument_exit_2() {
    let out = doctor().arg("/nonexistent/case.json").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    let out = doctor().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn not_json_exits_2() {
    let out = doctor_stdin(b"sk-proj-not-json");
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("not-json"));
}
