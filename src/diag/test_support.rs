//! Helpers shared by the engine's unit tests: synthetic secrets and the leak check
//! every module that handles a secret runs on its output.

use crate::diag::report::Finding;

/// Every `n`-character window of `secret` that occurs in `text`: empty when no piece
/// of the secret longer than `n - 1` characters was repeated.
pub fn leaks(secret: &str, text: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = secret.chars().collect();
    chars
        .windows(n)
        .map(|w| w.iter().collect::<String>())
        .filter(|w| text.contains(w.as_str()))
        .collect()
}

/// Base64url characters that look random (a fixed linear congruential sequence from
/// `seed`), so a leak check on them means something.
pub fn noise(len: usize, seed: u32) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(ABC[(x >> 16) as usize % 64])
        })
        .collect()
}

/// Characters from `alphabet` in a fixed xorshift sequence from `seed`: garbage that is
/// the same on every run, for the "any input, no panic" tests.
pub fn garbage(seed: u64, len: usize, alphabet: &[char]) -> String {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            alphabet[(x % alphabet.len() as u64) as usize]
        })
        .collect()
}

/// The ids of findings, in order.
pub fn ids(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.id.as_str()).collect()
}

/// The message of the finding with this id; fails the test, naming the ids there
/// are, when there is none.
pub fn message(findings: &[Finding], id: &str) -> String {
    findings
        .iter()
        .find(|f| f.id == id)
        .map(|f| f.message.clone())
        .unwrap_or_else(|| panic!("no finding {id} in {:?}", ids(findings)))
}

#[test]
fn leaks_finds_exactly_the_repeated_windows() {
    assert_eq!(leaks("abcdefghij", "xxcdefghiyy", 7), vec!["cdefghi"]);
    assert!(leaks("abcdefghij", "abcdefg", 8).is_empty());
    assert_eq!(noise(16, 1).len(), 16);
    assert_ne!(noise(16, 1), noise(16, 2));
}
