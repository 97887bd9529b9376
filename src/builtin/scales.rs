//! The common scale of the built-in questionnaire and default weights, and each dimension's
//! lean range, measured by the engine (`Model::new`) and kept here so that a run need not
//! measure them again. Written by a test: after changing the built-in data, run
//! `IDPFIT_BLESS=1 cargo test --lib builtin::tests::the_kept_scales_are_current`. Until then
//! the fingerprint does not match and they are measured on every run, as for any other data.
pub const MEASURED_FOR: u64 = 0xd652e8647b17768a;
pub const TOTAL: (f64, f64) = (-109.0, 155.8);
pub const LEANS: [(f64, f64); 4] = [
    (63.7, 46.8),
    (29.0, 79.0),
    (28.0, 25.0),
    (40.0, 18.0),
];
