//! JSON output promises sorted keys at every level; this walks the raw text in order.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::support::{fixture, run};

/// Deserializes any JSON value, failing if an object's keys are not in ascending order.
struct Sorted;

impl<'de> DeserializeSeed<'de> for Sorted {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Sorted {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut previous: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            if let Some(previous) = &previous {
                assert!(previous < &key, "key `{key}` comes after `{previous}`");
            }
            map.next_value_seed(Sorted)?;
            previous = Some(key);
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Sorted)?.is_some() {}
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

#[test]
fn json_keys_are_sorted_at_every_level() {
    let unknowns = fixture("unknowns.toml");
    for (file, what_if) in [
        ("examples/not-ready.toml", false),
        ("examples/hybrid.toml", false),
        (unknowns.as_str(), false),
        ("examples/hybrid.toml", true),
        (unknowns.as_str(), true),
    ] {
        let mut args = vec!["score", "--format", "json", file];
        if !what_if {
            args.push("--no-what-if");
        }
        let text = run(&args).stdout;
        let mut deserializer = serde_json::Deserializer::from_str(&text);
        Sorted.deserialize(&mut deserializer).expect(file);
        let _: IgnoredAny = serde_json::from_str(&text).unwrap();
    }
}
