//! Renderers of a finished diagnosis: plain text for the terminal, Markdown for a
//! ticket. They add no judgement, and mask every secret they print.

pub mod markdown;
pub mod text;
