//! scrutineer-core's integration tests: one binary, one module per area.

mod actions;
mod analysis;
mod bad_input;
mod corpus;
mod fixture;
mod fuzz_corpus;
mod health;
mod heldout;
mod import;
mod ingest;
mod metadata;
mod migrations;
mod outlines;
mod sample_actions;
mod samples;
mod security;
mod seeds;
mod service;
mod store;
mod structure;
mod themes;
