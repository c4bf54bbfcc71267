//! Importers of documents people wrote by hand into vuoro's catalogue. Pure: bytes in, records
//! out; no I/O, so the command line, the web and the fuzzer call the same code.
//!
//! - [`listing`]: the cross-organisation peer listing (organisation headings, bullets,
//!   "Tulossa" sections, counts in prose) into organisations and activity records.
//! - [`classify`]: contexts, topics and method of a text by the vocabulary's keywords.
//! - [`prose`]: counts, plans, languages, formats and trained facilitators in prose.
//! - [`accuracy`]: the classification measured against a hand labelling.

pub mod accuracy;
pub mod classify;
pub mod listing;
pub mod prose;
