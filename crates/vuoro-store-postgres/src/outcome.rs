//! Being ported from vuoro-store-sqlite.
