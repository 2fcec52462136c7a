//! Small parsers with no opinions: a web URL parser, the canonical form pasted text is
//! matched in, times, placeholders, and the engine's one sort. They know no cause and
//! read no table of [`known`](super::known) facts beyond what they are told.

pub mod normalize;
pub mod order;
pub mod placeholder;
pub mod time;
pub mod weburl;
