//! What a command returns when it fails: `{code, message}`.
//!
//! The UI branches on `code` (stable, the core's [`scrutineer_core::Error::code`] plus the few the
//! app adds below) and shows `message` as detail, so no view ever parses words. The app's own
//! codes are few on purpose: most failures are the core's and keep the core's code.

use serde::Serialize;

/// A failed command, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

/// The app's own error codes, beside the core's.
pub mod codes {
    /// The work behind a command stopped unexpectedly (a panic in a worker thread). A bug: the
    /// library is unharmed, because every write is one transaction.
    pub const INTERNAL: &str = "internal";
    /// The library file exists but cannot serve as a library: not a SQLite database, or on a
    /// drive where it cannot keep its write-ahead log. The core says `invalid`, which reads
    /// like a bad form field; at start-up the app names the file's problem instead.
    pub const LIBRARY_UNUSABLE: &str = "library_unusable";
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> CommandError {
        CommandError {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl From<scrutineer_core::Error> for CommandError {
    fn from(err: scrutineer_core::Error) -> CommandError {
        CommandError::new(err.code(), err.to_string())
    }
}

impl From<&scrutineer_core::Error> for CommandError {
    fn from(err: &scrutineer_core::Error) -> CommandError {
        CommandError::new(err.code(), err.to_string())
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

/// What every command returns.
pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_core_error_keeps_its_code_and_words() {
        let err = CommandError::from(scrutineer_core::Error::SchemaTooNew { found: 9, known: 3 });
        assert_eq!(
            err.code, "schema_too_new",
            "the UI maps the core's code, unchanged"
        );
        assert!(
            err.message.contains("newer version"),
            "the message is the core's own: {}",
            err.message
        );
    }

    #[test]
    fn it_serialises_as_code_and_message_only() {
        let json = serde_json::to_value(CommandError::new("not_found", "meeting 4")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "not_found", "message": "meeting 4"}),
            "the UI's toApiError reads exactly these two keys"
        );
    }
}
