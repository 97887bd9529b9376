//! End-to-end tests of `idpfit scan`: fixture organisations with real git history, built by the
//! tests (see `fixture.rs`), scanned by the binary as a user runs it.

mod answers;
mod evidence;
pub mod fixture;
mod hostile;
mod output;
