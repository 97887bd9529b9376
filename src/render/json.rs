//! The one way idpfit writes JSON: every command's JSON output goes through [`pretty`] or
//! [`line`], so keys come out sorted at every level whatever order a type declares its fields
//! in, and the same value always gives the same bytes.
//!
//! The value passes through `serde_json::Value`, whose objects are `BTreeMap`s as long as
//! serde_json's `preserve_order` feature is off (a unit test below fails if a dependency ever
//! turns it on). A renderer that adds JSON output calls one of these two functions with its
//! `Serialize` value; it never calls `serde_json::to_string*` itself.

use serde::Serialize;
use serde_json::Value;

/// Pretty-printed (two-space indent) with a final newline: one document per output.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(&sorted(value)).unwrap_or_default();
    text.push('\n');
    text
}

/// One compact line with a final newline: one record of JSON Lines output.
pub fn line<T: Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string(&sorted(value)).unwrap_or_default();
    text.push('\n');
    text
}

/// The value as a JSON tree whose objects iterate in key order. Serializing our types cannot
/// fail (every map key is a string), so a failure would only ever show as `null`.
fn sorted<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// Fields declared out of order, and a map whose iteration order is arbitrary.
    #[derive(Serialize)]
    struct Unordered {
        zebra: u8,
        apple: Inner,
        middle: HashMap<&'static str, u8>,
    }

    #[derive(Serialize)]
    struct Inner {
        y: bool,
        b: Vec<Inner2>,
    }

    #[derive(Serialize)]
    struct Inner2 {
        z: u8,
        a: u8,
    }

    fn value() -> Unordered {
        Unordered {
            zebra: 1,
            apple: Inner {
                y: true,
                b: vec![Inner2 { z: 2, a: 3 }],
            },
            middle: [("q", 1), ("c", 2), ("k", 3)].into_iter().collect(),
        }
    }

    #[test]
    fn keys_come_out_sorted_at_every_level() {
        assert_eq!(
            line(&value()),
            "{\"apple\":{\"b\":[{\"a\":3,\"z\":2}],\"y\":true},\"middle\":{\"c\":2,\"k\":3,\"q\":1},\"zebra\":1}\n"
        );
    }

    #[test]
    fn pretty_output_is_indented_and_ends_with_a_newline() {
        let text = pretty(&value());
        assert!(
            text.starts_with("{\n  \"apple\": {\n    \"b\": ["),
            "{text}"
        );
        assert!(text.ends_with("\"zebra\": 1\n}\n"), "{text}");
    }
}
