//! Ranking: the rules that turn the [`Facts`](super::Facts) of one case into a verdict
//! and ranked causes, and the fixes written for each cause from the same facts.

pub mod fixes;
pub mod rules;
pub mod tier;
