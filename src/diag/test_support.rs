//! Helpers shared by the engine's unit tests: synthetic secrets and the leak check
//! every module that handles a secret runs on its output.

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

#[test]
fn leaks_finds_exactly_the_repeated_windows() {
    assert_eq!(leaks("abcdefghij", "xxcdefghiyy", 7), vec!["cdefghi"]);
    assert!(leaks("abcdefghij", "abcdefg", 8).is_empty());
    assert_eq!(noise(16, 1).len(), 16);
    assert_ne!(noise(16, 1), noise(16, 2));
}
