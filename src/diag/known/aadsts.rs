//! Known facts: aadsts. (Table to be filled in.)
