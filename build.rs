//! Compiles the built-in questionnaire and weights at build time.
//!
//! The two TOML files are loaded and checked with `idpfit-model`, the same code the binary uses
//! at run time, so a mistake in them fails the build with the usual diagnostics instead of
//! shipping. The checked values are stored in postcard's compact form in `OUT_DIR` and embedded
//! by `src/builtin/`: decoding them at start-up costs about 27 µs, where parsing the TOML costs
//! about 0.7 ms on every run (`cargo bench --bench engine`). Cargo runs this again when either
//! file changes, or the model crate does. It also writes the data's fingerprint, which says
//! whether the scales kept in `src/builtin/scales.rs` still belong to it.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::exit;

use idpfit_model::model::{Questionnaire, Weights};

const QUESTIONNAIRE: &str = "questionnaires/idp-portal-v1.toml";
const WEIGHTS: &str = "weights/default.toml";

fn main() {
    for path in [QUESTIONNAIRE, WEIGHTS] {
        println!("cargo::rerun-if-changed={path}");
    }
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    let questionnaire = Questionnaire::from_toml(QUESTIONNAIRE, &read(QUESTIONNAIRE))
        .unwrap_or_else(|d| fail(&d.render()));
    let weights = Weights::from_toml(WEIGHTS, &read(WEIGHTS), &questionnaire)
        .unwrap_or_else(|d| fail(&d.render()));
    let encoded = [
        ("questionnaire.bin", postcard::to_allocvec(&questionnaire)),
        ("weights.bin", postcard::to_allocvec(&weights)),
    ];
    let mut fingerprint = Fingerprint::new();
    for (name, bytes) in encoded {
        let bytes = bytes.unwrap_or_else(|e| fail(&format!("cannot encode {name}: {e}")));
        fingerprint.add(&bytes);
        write(&out_dir, name, &bytes);
    }
    write(
        &out_dir,
        "fingerprint.rs",
        format!("0x{:016x}\n", fingerprint.0).as_bytes(),
    );
}

/// FNV-1a over the encoded data, each part preceded by its length: it tells whether the
/// scales kept in `src/builtin/scales.rs` were measured for this very data. Not a defence
/// against anyone, only against forgetting to measure them again.
struct Fingerprint(u64);

impl Fingerprint {
    fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }

    fn add(&mut self, bytes: &[u8]) {
        let length = (bytes.len() as u64).to_le_bytes();
        for byte in length.iter().chain(bytes) {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{path}: {e}")))
}

fn write(dir: &str, name: &str, bytes: &[u8]) {
    let path = Path::new(dir).join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("built-in data is invalid:\n{message}");
    exit(1)
}
