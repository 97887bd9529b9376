//! Terminal settings for the length of an assessment, and what happens when an interrupt
//! arrives anyway: the terminal is restored and the user told where their answers are. It asks
//! nothing and writes no file.

use std::io;
use std::sync::Mutex;

/// What to print if a stray interrupt ends the process (see [`Session`]).
static LAST_WORDS: Mutex<String> = Mutex::new(String::new());

/// Terminal settings for the length of an assessment. While it lives, Ctrl-C reaches the
/// prompts as a key instead of a signal, so an interrupt always stops at a prompt, in order,
/// and keys typed ahead are neither echoed nor held back until Enter (the prompts draw what
/// is typed themselves). A SIGINT sent from elsewhere is caught: the terminal is restored, the
/// message set with [`Session::on_interrupt`] is printed and the process exits with status
/// 130. Every answer shown as saved is on disk by then, since a screen shows an answer only
/// after saving it.
pub struct Session {
    #[cfg(unix)]
    saved: Option<rustix::termios::Termios>,
}

impl Session {
    pub fn start() -> Session {
        #[cfg(unix)]
        let saved = {
            let stdin = io::stdin();
            let saved = rustix::termios::tcgetattr(&stdin).ok();
            if let Some(original) = &saved {
                let mut quiet = original.clone();
                quiet.local_modes -= rustix::termios::LocalModes::ISIG
                    | rustix::termios::LocalModes::ECHO
                    | rustix::termios::LocalModes::ICANON;
                let _ = rustix::termios::tcsetattr(
                    &stdin,
                    rustix::termios::OptionalActions::Now,
                    &quiet,
                );
            }
            saved
        };
        #[cfg(unix)]
        let restore = saved.clone();
        // Fails only if a handler is already installed, which then does the same job.
        let _ = ctrlc::set_handler(move || {
            #[cfg(unix)]
            if let Some(original) = &restore {
                let _ = rustix::termios::tcsetattr(
                    io::stdin(),
                    rustix::termios::OptionalActions::Now,
                    original,
                );
            }
            let message = LAST_WORDS.lock().map(|m| m.clone()).unwrap_or_default();
            // Standard output and error may be locked by the blocked main thread, so this
            // writes to the file descriptor directly: show the cursor, then the message.
            #[cfg(unix)]
            write_unlocked(format!("\u{1b}[?25h\n{message}").as_bytes());
            #[cfg(not(unix))]
            let _ = message;
            std::process::exit(130);
        });
        Session {
            #[cfg(unix)]
            saved,
        }
    }

    /// Sets what a stray interrupt prints before ending the process.
    pub fn on_interrupt(&self, message: String) {
        if let Ok(mut words) = LAST_WORDS.lock() {
            *words = message;
        }
    }
}

/// Writes to standard error without taking the standard library's lock on it.
#[cfg(unix)]
fn write_unlocked(mut bytes: &[u8]) {
    while !bytes.is_empty() {
        match rustix::io::write(rustix::stdio::stderr(), bytes) {
            Ok(0) | Err(_) => return,
            Ok(n) => bytes = &bytes[n..],
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(original) = &self.saved {
            let _ = rustix::termios::tcsetattr(
                io::stdin(),
                rustix::termios::OptionalActions::Now,
                original,
            );
        }
    }
}
