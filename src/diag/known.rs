//! Known facts, as data, each with its source: the one place to extend when Azure or
//! OpenAI change something. Rules and parsers read these tables; they do not repeat
//! the facts in `if`s.
//!
//! Sources are cited as in `shared/reference/auth-failures.md` (section ids such as
//! `A1`, `3.2`, `5.1`).

pub mod aadsts;
pub mod api_versions;
pub mod audiences;
pub mod causes;
pub mod chars;
pub mod clients;
pub mod env_names;
pub mod headers;
pub mod hosts;
pub mod key_shapes;
pub mod models;
pub mod signatures;
