//! LINE's OpenAPI 3.0 files turned into JSON Schema (2020-12) we can validate against:
//! the contract tests of `madoguchi-line` (our requests) and `madoguchi-linesim` (its
//! webhooks and answers) use the same converter.
//!
//! Why not hand the YAML to a validator as is: OpenAPI's `discriminator` is only a hint
//! in JSON Schema terms, so a `$ref: Message` would accept `{"type":"text"}` without
//! `text`, and even `{"type":"nope"}`. Here every schema with a discriminator gets two
//! definitions: `Name__base` (the schema as written) and `Name` (a dispatcher that
//! requires a mapped `type` value and applies that subtype). Subtypes inherit the base
//! through `allOf: [$ref base]`; those references go to `Name__base`, otherwise a
//! subtype would dispatch to itself forever.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::{Map, Value, json};

const REF_PREFIX: &str = "#/components/schemas/";

/// The repository's own copy (`tests/fixtures/line-openapi`, with its LICENSE and the
/// upstream commit in SOURCE.txt); `MADOGUCHI_LINE_OPENAPI_DIR` points elsewhere, e.g.
/// to try a newer spec before copying it in.
pub fn openapi_dir() -> PathBuf {
    match std::env::var_os("MADOGUCHI_LINE_OPENAPI_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../tests/fixtures/line-openapi"),
    }
}

pub struct Spec {
    file: String,
    doc: Value,
    defs: Map<String, Value>,
}

pub struct SchemaValidator {
    what: String,
    validator: jsonschema::Validator,
}

impl SchemaValidator {
    /// Every violation, one per line, with where in the instance it is.
    pub fn errors(&self, instance: &Value) -> Vec<String> {
        self.validator
            .iter_errors(instance)
            .map(|e| format!("at {:?}: {e}", e.instance_path().as_str()))
            .collect()
    }

    pub fn check(&self, instance: &Value) -> Result<()> {
        let errors = self.errors(instance);
        if errors.is_empty() {
            Ok(())
        } else {
            bail!(
                "{} rejected {instance}:\n  {}",
                self.what,
                errors.join("\n  ")
            )
        }
    }

    pub fn accepts(&self, instance: &Value) -> bool {
        self.validator.is_valid(instance)
    }
}

impl Spec {
    pub fn load(file: &str) -> Result<Spec> {
        let path = openapi_dir().join(file);
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!("reading {} (set MADOGUCHI_LINE_OPENAPI_DIR to the folder with LINE's OpenAPI files)", path.display())
        })?;
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&text).with_context(|| format!("{file} is not valid YAML"))?;
        let doc = yaml_to_json(yaml)?;
        let schemas = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .ok_or_else(|| anyhow!("{file} has no components.schemas"))?;
        let discriminated: HashSet<String> = schemas
            .iter()
            .filter(|(_, s)| s.get("discriminator").is_some())
            .map(|(n, _)| n.clone())
            .collect();
        let conv = Converter {
            discriminated: &discriminated,
        };
        let mut defs = Map::new();
        for (name, schema) in schemas {
            if let Some(d) = schema.get("discriminator") {
                defs.insert(format!("{name}__base"), conv.convert(schema));
                defs.insert(name.clone(), dispatcher(name, d)?);
            } else {
                defs.insert(name.clone(), conv.convert(schema));
            }
        }
        Ok(Spec {
            file: file.to_owned(),
            doc,
            defs,
        })
    }

    /// The converted schema of an operation's JSON request body.
    pub fn request_body_schema(&self, operation_id: &str) -> Result<Value> {
        let paths = self
            .doc
            .get("paths")
            .and_then(Value::as_object)
            .ok_or_else(|| anyhow!("{} has no paths", self.file))?;
        for item in paths.values() {
            let Some(item) = item.as_object() else {
                continue;
            };
            for op in item.values() {
                if op.get("operationId").and_then(Value::as_str) == Some(operation_id) {
                    let schema = op
                        .pointer("/requestBody/content/application~1json/schema")
                        .ok_or_else(|| anyhow!("{operation_id} has no JSON request body"))?;
                    let discriminated = self.discriminated();
                    return Ok(Converter {
                        discriminated: &discriminated,
                    }
                    .convert(schema));
                }
            }
        }
        bail!("{} has no operation {operation_id}", self.file)
    }

    pub fn request_validator(&self, operation_id: &str) -> Result<SchemaValidator> {
        let schema = self.request_body_schema(operation_id)?;
        self.validator(
            &format!("{} {operation_id} request body", self.file),
            schema,
        )
    }

    pub fn component_validator(&self, name: &str) -> Result<SchemaValidator> {
        if !self.defs.contains_key(name) {
            bail!("{} has no schema {name}", self.file);
        }
        self.validator(
            &format!("{} {name}", self.file),
            json!({ "$ref": format!("#/$defs/{name}") }),
        )
    }

    /// Adds rules from LINE's documentation that the YAML does not state (see
    /// `line_docs_overlay`). Kept separate so tests can show which rule rejected what.
    pub fn with_docs_overlay(mut self) -> Result<Spec> {
        line_docs_overlay(&mut self.defs)?;
        Ok(self)
    }

    fn discriminated(&self) -> HashSet<String> {
        self.defs
            .keys()
            .filter_map(|k| k.strip_suffix("__base"))
            .map(str::to_owned)
            .collect()
    }

    fn validator(&self, what: &str, schema: Value) -> Result<SchemaValidator> {
        let mut root = match schema {
            Value::Object(m) => m,
            other => bail!("{what}: schema is not an object: {other}"),
        };
        root.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        root.insert("$defs".into(), Value::Object(self.defs.clone()));
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&Value::Object(root))
            .map_err(|e| anyhow!("{what}: converted schema does not compile: {e}"))?;
        Ok(SchemaValidator {
            what: what.to_owned(),
            validator,
        })
    }
}

struct Converter<'a> {
    discriminated: &'a HashSet<String>,
}

impl Converter<'_> {
    fn convert(&self, node: &Value) -> Value {
        let Value::Object(map) = node else {
            return node.clone();
        };
        if let Some(r) = map.get("$ref").and_then(Value::as_str) {
            // OpenAPI 3.0 ignores siblings of $ref (only descriptions here), so do we.
            return json!({ "$ref": def_ref(r) });
        }
        let mut out = Map::new();
        for (key, value) in map {
            match key.as_str() {
                // Documentation only, or (discriminator) already turned into dispatchers.
                "example" | "examples" | "discriminator" | "externalDocs" | "xml" | "nullable" => {}
                "allOf" => {
                    let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
                    let items = items.iter().map(|item| self.inherited(item)).collect();
                    out.insert(key.clone(), Value::Array(items));
                }
                "oneOf" | "anyOf" => {
                    let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
                    out.insert(
                        key.clone(),
                        Value::Array(items.iter().map(|i| self.convert(i)).collect()),
                    );
                }
                "properties" => {
                    let props = value
                        .as_object()
                        .map(|p| {
                            p.iter()
                                .map(|(k, v)| (k.clone(), self.convert(v)))
                                .collect()
                        })
                        .unwrap_or_default();
                    out.insert(key.clone(), Value::Object(props));
                }
                "items" | "additionalProperties" | "not" => {
                    out.insert(key.clone(), self.convert(value));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        if map.get("nullable").and_then(Value::as_bool) == Some(true)
            && let Some(t) = out.get("type").cloned()
        {
            out.insert("type".into(), json!([t, "null"]));
        }
        Value::Object(out)
    }

    /// An `allOf` entry: a reference to a discriminated base is inheritance, not dispatch.
    fn inherited(&self, item: &Value) -> Value {
        if let Some(r) = item.get("$ref").and_then(Value::as_str) {
            let name = r.strip_prefix(REF_PREFIX).unwrap_or(r);
            if self.discriminated.contains(name) {
                return json!({ "$ref": format!("#/$defs/{name}__base") });
            }
        }
        self.convert(item)
    }
}

fn def_ref(r: &str) -> String {
    format!("#/$defs/{}", r.strip_prefix(REF_PREFIX).unwrap_or(r))
}

/// `{"type": k, ...}` must have a mapped `k` and then satisfy that subtype.
fn dispatcher(name: &str, discriminator: &Value) -> Result<Value> {
    let prop = discriminator
        .get("propertyName")
        .and_then(Value::as_str)
        .ok_or_else(|| anyhow!("{name}: discriminator without propertyName"))?;
    let mapping = discriminator
        .get("mapping")
        .and_then(Value::as_object)
        .ok_or_else(|| {
            anyhow!("{name}: discriminator without mapping (implicit mappings are not supported)")
        })?;
    let mut keys = Vec::new();
    let mut branches = Vec::new();
    for (key, target) in mapping {
        let target = target
            .as_str()
            .ok_or_else(|| anyhow!("{name}: mapping {key} is not a string"))?;
        keys.push(json!(key));
        branches.push(json!({
            "if": { "properties": { prop: { "const": key } }, "required": [prop] },
            "then": { "$ref": def_ref(target) },
        }));
    }
    Ok(json!({
        "type": "object",
        "required": [prop],
        "properties": { prop: { "type": "string", "enum": keys } },
        "allOf": branches,
    }))
}

/// Rules from LINE's documentation (developers.line.biz "Action objects", "Quick reply",
/// "Template messages") that messaging-api.yml leaves out; LINE's server enforces them.
/// - quick reply: each item has an `action`, and that action has a `label`;
/// - message action needs `text`, postback `data`, uri `uri`, datetimepicker `data`+`mode`;
/// - buttons template: 1–4 actions, confirm template: exactly 2, each with a `label`.
fn line_docs_overlay(defs: &mut Map<String, Value>) -> Result<()> {
    fn def<'a>(defs: &'a mut Map<String, Value>, name: &str) -> Result<&'a mut Map<String, Value>> {
        defs.get_mut(name)
            .and_then(Value::as_object_mut)
            .ok_or_else(|| anyhow!("docs overlay: messaging-api.yml has no schema {name}"))
    }
    let labelled_action =
        json!({ "allOf": [{ "$ref": "#/$defs/Action" }, { "required": ["label"] }] });

    let item = def(defs, "QuickReplyItem")?;
    item.insert("required".into(), json!(["type", "action"]));
    item.insert(
        "properties".into(),
        json!({
            "type": { "const": "action" },
            "imageUrl": { "type": "string", "format": "uri", "maxLength": 2000 },
            "action": labelled_action,
        }),
    );
    for (name, required) in [
        ("MessageAction", json!(["text"])),
        ("PostbackAction", json!(["data"])),
        ("URIAction", json!(["uri"])),
        ("DatetimePickerAction", json!(["data", "mode"])),
    ] {
        def(defs, name)?.insert("required".into(), required);
    }
    for (name, min, max) in [("ButtonsTemplate", 1, 4), ("ConfirmTemplate", 2, 2)] {
        let t = def(defs, name)?;
        let all_of = t.entry("allOf").or_insert_with(|| json!([]));
        let Some(all_of) = all_of.as_array_mut() else {
            bail!("{name}.allOf is not an array")
        };
        all_of.push(json!({
            "properties": { "actions": { "minItems": min, "maxItems": max, "items": labelled_action } }
        }));
    }
    Ok(())
}

fn yaml_to_json(y: serde_yaml::Value) -> Result<Value> {
    use serde_yaml::Value as Y;
    Ok(match y {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                json!(i)
            } else if let Some(u) = n.as_u64() {
                json!(u)
            } else {
                let f = n
                    .as_f64()
                    .ok_or_else(|| anyhow!("YAML number {n} is not representable"))?;
                json!(f)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => {
            Value::Array(items.into_iter().map(yaml_to_json).collect::<Result<_>>()?)
        }
        Y::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                // Response codes are sometimes written unquoted (200:), so keys may be numbers.
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => bail!("unsupported YAML key {other:?}"),
                };
                out.insert(key, yaml_to_json(v)?);
            }
            Value::Object(out)
        }
        Y::Tagged(t) => yaml_to_json(t.value)?,
    })
}
