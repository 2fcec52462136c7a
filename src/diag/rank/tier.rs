//! Named scores. A candidate cause carries a score from 0 to 100; the highest leads, a
//! score of at least [`PROBLEM`] makes the verdict `problem`, and [`HIGH`] and [`MEDIUM`]
//! are where the confidence a person reads changes.

use crate::diag::known::signatures::Strength;
use crate::diag::report::Confidence;

/// A message that names the cause in so many words (a code, a policy).
pub const NAMES: u8 = 97;
/// A message that means one cause.
pub const MEANS: u8 = 96;
/// The least score a person reads as high confidence.
pub const HIGH: u8 = 85;
/// A message that could mean this cause among others.
pub const HINTS: u8 = 75;
/// The least score a person reads as medium confidence.
pub const MEDIUM: u8 = 60;
/// The lowest score that makes a verdict `problem`.
pub const PROBLEM: u8 = 50;

/// The score a message of this strength gives the cause it points at.
pub fn of(strength: Strength) -> u8 {
    match strength {
        Strength::Names => NAMES,
        Strength::Means => MEANS,
        Strength::Suggests => HIGH,
        Strength::Hints => HINTS,
    }
}

/// The confidence a person reads for a score.
pub fn confidence(score: u8) -> Confidence {
    match score {
        HIGH.. => Confidence::High,
        MEDIUM.. => Confidence::Medium,
        _ => Confidence::Low,
    }
}
