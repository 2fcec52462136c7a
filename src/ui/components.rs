//! The page's parts, one component per file.

pub mod copy_button;
pub mod field;
pub mod findings;
pub mod fix;
pub mod gallery;
pub mod now_field;
pub mod paste_box;
pub mod probe;
pub mod report;
pub mod response;
pub mod token;
pub mod verdict;
