//! Known facts: hosts. (Table to be filled in.)
