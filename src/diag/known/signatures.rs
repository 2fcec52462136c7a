//! Known facts: signatures. (Table to be filled in.)
