//! The integration tests, in one binary (one link, one process to start): a module per
//! area. Fixtures are in `tests/fixtures/` and `tests/pages/`, snapshots in `snapshots/`.
//!
//! `cargo test` runs everything that fits a debug build. The `#[ignore]`d tests are the
//! size-driven ones: they run full-size inputs through the binary with bounds for a release
//! build, and CI runs them against it:
//!
//! ```sh
//! cargo build --release
//! QUOTECHECK_BIN="$PWD/target/release/quotecheck" cargo test --test it -- --ignored
//! ```

mod adversarial;
mod audit;
mod browser;
mod cli;
mod distributed;
mod errors;
mod html;
mod properties;
mod report;
mod robust_audit;
mod robust_input;
mod robust_output;
mod robust_text;
mod schema;
mod snapshots;
mod util;
