//! Backstage-style catalog files (`catalog-info.yaml`): one entity per YAML document.
//!
//! Only what the catalog answer needs is kept: each entity's kind and whether it names an owner.
//! Entity names, descriptions and links stay in the file.

use super::{ParseError, text_field, yaml_documents};

/// One entity of a catalog file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The entity's kind (`Component`, `API`, ...), or `?` when it is not a plain word.
    pub kind: String,
    /// Whether `spec.owner` is a non-empty string.
    pub has_owner: bool,
}

/// The entities of one catalog file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogFile {
    pub entities: Vec<Entity>,
    /// Documents that are not entities (not a mapping, or without a `kind`).
    pub other_documents: usize,
}

pub fn catalog_file(text: &str) -> Result<CatalogFile, ParseError> {
    let mut file = CatalogFile::default();
    for document in yaml_documents(text)? {
        match text_field(&document, "kind") {
            Some(kind) => {
                let has_owner = document
                    .get("spec")
                    .and_then(|spec| text_field(spec, "owner"))
                    .is_some_and(|owner| !owner.trim().is_empty());
                file.entities.push(Entity {
                    kind: plain_word(kind),
                    has_owner,
                });
            }
            None => file.other_documents += 1,
        }
    }
    Ok(file)
}

fn plain_word(kind: &str) -> String {
    let plain = (1..=60).contains(&kind.len())
        && kind
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if plain {
        kind.to_string()
    } else {
        "?".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_entities_and_owners_across_documents() {
        let text = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\nspec: {owner: team-a}\n---\nkind: API\nmetadata: {name: b}\nspec: {owner: ''}\n---\nkind: Location\nspec: {targets: [x]}\n---\n- not an entity\n";
        let Ok(file) = catalog_file(text) else {
            panic!("valid YAML");
        };
        let owned: Vec<bool> = file.entities.iter().map(|e| e.has_owner).collect();
        assert_eq!(owned, [true, false, false]);
        assert_eq!(file.entities[1].kind, "API");
        assert_eq!(file.other_documents, 1);
    }

    #[test]
    fn an_odd_kind_is_not_shown() {
        let Ok(file) = catalog_file("kind: \"Comp\\nonent\"\n") else {
            panic!("valid YAML");
        };
        assert_eq!(file.entities[0].kind, "?");
    }
}
